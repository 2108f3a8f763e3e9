/// One cell of the screen: a grapheme and its style. A wide character occupies its cell and
/// leaves an empty continuation cell to its right.
public struct Cell: Hashable, Sendable {
    public var text: String
    public var style: Style

    public init(_ text: String = " ", style: Style = .plain) {
        self.text = text
        self.style = style
    }

    public static let blank = Cell()
    /// The right half of a wide character.
    public static let continuation = Cell("")
}

/// The whole screen in memory. Screens draw here; only the terminal layer turns it into output
/// (writing just the cells that changed), so every screen is testable without a terminal.
public struct ScreenBuffer: Equatable, Sendable {
    public private(set) var width: Int
    public private(set) var height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set {
            guard x >= 0, y >= 0, x < width, y < height else { return }
            cells[y * width + x] = newValue
        }
    }

    public mutating func clear() {
        for index in cells.indices { cells[index] = .blank }
    }

    /// Writes text at (x, y), escaped for the terminal, clipped at `maxWidth` columns (and the
    /// screen edge). Returns the columns used.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, style: Style = .plain, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(maxWidth ?? width, width - max(0, x))
        guard limit > 0 else { return 0 }
        // Only what can fit is escaped: a 256 KB log line costs no more than a short one.
        let safe = TerminalSafe.escape(text.utf8.count > limit * 4 + 16 ? String(text.prefix(limit * 4 + 16)) : text)
        var column = x
        var used = 0
        for character in safe {
            let w = DisplayWidth.of(character)
            if w == 0 {
                // Combining mark: attach to the previous cell.
                if column > x, column - 1 < width, column - 1 >= 0 { self[column - 1, y].text.append(character) }
                continue
            }
            if used + w > limit { break }
            if column >= 0 {
                self[column, y] = Cell(String(character), style: style)
                if w == 2 { self[column + 1, y] = Cell("", style: style) }
            }
            column += w
            used += w
        }
        return used
    }

    /// Paints a rectangle's cells with a style (keeping their text).
    public mutating func style(x: Int, y: Int, width: Int, style: Style) {
        guard y >= 0, y < height else { return }
        for column in max(0, x)..<min(self.width, x + width) { self[column, y].style = style }
    }

    /// Blanks `width` cells of a row with a style.
    public mutating func fill(x: Int, y: Int, width: Int, style: Style = .plain) {
        guard y >= 0, y < height else { return }
        for column in max(0, x)..<max(max(0, x), min(self.width, x + width)) {
            self[column, y] = Cell(" ", style: style)
        }
    }

    /// Clears a row from `x` to the right edge with a style.
    public mutating func fillRow(_ y: Int, from x: Int = 0, style: Style = .plain) {
        guard y >= 0, y < height else { return }
        for column in max(0, x)..<width { self[column, y] = Cell(" ", style: style) }
    }

    public mutating func resize(width: Int, height: Int) {
        self = ScreenBuffer(width: width, height: height)
    }

    /// The visible text, one line per row, trailing spaces trimmed: what snapshot tests compare.
    public var text: String {
        (0..<height).map { row in
            var line = ""
            for column in 0..<width { line += cells[row * width + column].text }
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }

    /// The text of one row.
    public func line(_ y: Int) -> String {
        guard y >= 0, y < height else { return "" }
        return (0..<width).map { cells[y * width + $0].text }.joined()
    }
}
