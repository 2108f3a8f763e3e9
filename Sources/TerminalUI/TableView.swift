/// A scrolling table: header, rows, a selection. Only the rows on screen are asked for, so a
/// table of 100,000 rows scrolls as fast as one of ten.
public struct TableView: Sendable {
    public struct Column: Sendable, Hashable {
        public enum Alignment: Sendable, Hashable { case left, right }
        public var title: String
        /// Fixed width, or nil to size the column by its content (between min and max).
        public var width: Int?
        public var alignment: Alignment
        /// A content-sized column is not squeezed below this; columns are dropped instead.
        public var minWidth: Int
        /// A content-sized column never takes more than this.
        public var maxWidth: Int?
        /// Spare width goes to growing columns: the ones whose text would otherwise be cut
        /// (an error, a result, a message).
        public var grows: Bool
        /// When the terminal is too narrow, columns with the lowest priority are hidden first.
        public var priority: Int
        /// A cut keeps the cell's last word (an amount's currency): `12345678… EUR`, never a
        /// number that reads as another amount.
        public var keepsLastWord = false
        /// Never cut below its content (an amount: a digit lost reads as another amount); other
        /// columns give way first, and when they cannot it is hidden rather than cut.
        public var keepsWhole = false

        public init(
            _ title: String, width: Int? = nil, alignment: Alignment = .left, minWidth: Int = 12, maxWidth: Int? = nil,
            grows: Bool = false, priority: Int = 5
        ) {
            self.title = title
            self.width = width
            self.alignment = alignment
            self.minWidth = minWidth
            self.maxWidth = maxWidth
            self.grows = grows
            self.priority = priority
        }
    }

    public var columns: [Column]
    public var rowCount: Int = 0
    public var selected: Int = 0
    public var top: Int = 0
    /// Index of the column the rows are sorted by, and the direction (shown in the header).
    public var sortColumn: Int?
    public var sortDescending = true

    public init(columns: [Column]) { self.columns = columns }

    public mutating func setRowCount(_ count: Int) {
        rowCount = count
        selected = count == 0 ? 0 : min(max(0, selected), count - 1)
    }

    /// Moves the selection by `delta` rows (clamped) and keeps it visible in `visibleRows`.
    public mutating func move(by delta: Int, visibleRows: Int) {
        guard rowCount > 0 else { return }
        selected = min(max(0, selected + delta), rowCount - 1)
        scrollToSelection(visibleRows: visibleRows)
    }

    public mutating func moveTo(_ row: Int, visibleRows: Int) {
        guard rowCount > 0 else { return }
        selected = min(max(0, row), rowCount - 1)
        scrollToSelection(visibleRows: visibleRows)
    }

    /// The list movement keys every list shares (arrows and vim keys, pages, first/last); false
    /// when `key` is not one of them.
    public mutating func handleMovement(_ key: Key, visibleRows rows: Int) -> Bool {
        switch key {
        case .down, .character("j"): move(by: 1, visibleRows: rows)
        case .up, .character("k"): move(by: -1, visibleRows: rows)
        case .pageDown, .control("f"): move(by: rows, visibleRows: rows)
        case .pageUp, .control("b"): move(by: -rows, visibleRows: rows)
        case .home, .character("g"): moveTo(0, visibleRows: rows)
        case .end, .character("G"): moveTo(rowCount - 1, visibleRows: rows)
        default: return false
        }
        return true
    }

    public mutating func scrollToSelection(visibleRows: Int) {
        let rows = max(1, visibleRows)
        if selected < top { top = selected }
        if selected >= top + rows { top = selected - rows + 1 }
        top = min(max(0, top), max(0, rowCount - rows))
    }

    /// Column widths for a total width, from what the visible rows contain (`natural`: the widest
    /// cell per column, header included). Each content-sized column wants its content's width
    /// (within min and max). When that does not fit, width is given up in this order: growing
    /// columns (messages, errors: they are cut, not the ids), then whole columns less important
    /// than any content column, then content columns (least important first), then more columns,
    /// and last a clip from the right. Spare width goes to the growing columns.
    public func widths(for total: Int, natural: [Int]? = nil) -> [Int] {
        var result = columns.indices.map { index -> Int in
            let column = columns[index]
            if let width = column.width { return width }
            let content = natural.map { index < $0.count ? $0[index] : 0 } ?? column.minWidth
            return min(max(content, column.minWidth), column.maxWidth ?? Int.max)
        }
        var shown = Array(columns.indices)
        // How far each may shrink: a column that keeps whole, not below what it holds.
        let minimum = columns.indices.map { columns[$0].keepsWhole ? result[$0] : columns[$0].minWidth }
        func deficit() -> Int { shown.reduce(0) { $0 + result[$1] } + max(0, shown.count - 1) - total }
        func shrink(_ indices: [Int]) {
            for index in indices where deficit() > 0 {
                result[index] -= min(deficit(), max(0, result[index] - minimum[index]))
            }
        }
        func drop(below priority: Int) {
            while deficit() > 0, shown.count > 1 {
                let candidates = shown.dropFirst().filter { columns[$0].priority < priority }
                guard let lowest = candidates.min(by: { (columns[$0].priority, -$0) < (columns[$1].priority, -$1) })
                else { return }
                shown.removeAll { $0 == lowest }
                result[lowest] = 0
            }
        }
        let flexible = shown.filter { columns[$0].width == nil }
        shrink(flexible.filter { columns[$0].grows })
        let content = flexible.filter { !columns[$0].grows }
        drop(below: content.map { columns[$0].priority }.min() ?? Int.max)
        shrink(content.sorted { columns[$0].priority < columns[$1].priority })
        drop(below: Int.max)
        var spare = -deficit()
        if spare > 0 {
            var growing = shown.filter { columns[$0].grows }
            if growing.isEmpty && natural == nil { growing = shown.filter { columns[$0].width == nil } }
            let count = growing.count
            for (position, index) in growing.enumerated() {
                result[index] += spare / count + (position < spare % count ? 1 : 0)
            }
            spare = 0
        }
        // Still too narrow (a single column, or a tiny terminal): clip from the right.
        var overflow = deficit()
        var index = result.count - 1
        while overflow > 0 && index >= 0 {
            if shown.contains(index) {
                let cut = min(overflow, max(0, result[index] - 1))
                result[index] -= cut
                overflow -= cut
            }
            index -= 1
        }
        return result
    }

    /// Draws the table into `buffer` inside the rectangle.
    public func render(
        into buffer: inout ScreenBuffer, x: Int, y: Int, width: Int, height: Int, row: (Int) -> [String],
        style: (Int, Int) -> Style = { _, _ in .plain }, matcher: TextMatcher? = nil
    ) {
        guard height > 0, width > 0 else { return }
        // The visible rows are asked for once: their text sizes the columns, then is drawn.
        let visible = height - 1
        // Never empty rows at the bottom while rows above are hidden (a taller screen than the
        // one the view was scrolled for): the selection stays in view either way.
        let top = min(self.top, max(0, rowCount - max(1, visible)))
        let shownRows = (0..<max(0, visible)).map { top + $0 }.filter { $0 < rowCount }
        // Only what can show is escaped and measured: a 256 KB log line costs what a short one does.
        let cap = width * 4 + 16
        let texts = shownRows.map {
            row($0).map { TerminalSafe.escape($0.utf8.count > cap ? String($0.prefix(cap)) : $0) }
        }
        var natural = columns.enumerated().map { index, column in
            DisplayWidth.of(column.title) + (sortColumn == index ? 1 : 0)
        }
        for values in texts {
            for (index, value) in values.enumerated() where index < natural.count {
                natural[index] = max(natural[index], DisplayWidth.of(value))
            }
        }
        let widths = widths(for: width, natural: natural)
        buffer.fillRow(y, from: x, style: .header)
        var column = x
        for (index, definition) in columns.enumerated() where widths[index] > 0 && column < x + width {
            var title = definition.title
            if sortColumn == index { title += sortDescending ? "↓" : "↑" }
            buffer.write(title, x: column, y: y, style: .header, maxWidth: widths[index])
            column += widths[index] + 1
        }
        for line in 0..<visible {
            let index = top + line
            let screenRow = y + 1 + line
            guard index < rowCount else {
                buffer.fillRow(screenRow, from: x)
                continue
            }
            let isSelected = index == selected
            buffer.fillRow(screenRow, from: x, style: isSelected ? .selected : .plain)
            let values = texts[line]
            var columnX = x
            for (columnIndex, cellWidth) in widths.enumerated() where cellWidth > 0 {
                let raw = columnIndex < values.count ? values[columnIndex] : ""
                let text =
                    columns[columnIndex].keepsLastWord
                    ? Self.truncateKeepingLastWord(raw, to: cellWidth) : DisplayWidth.truncate(raw, to: cellWidth)
                var cellStyle = style(index, columnIndex)
                if isSelected { cellStyle.reverse = true }
                let pad = columns[columnIndex].alignment == .right ? max(0, cellWidth - DisplayWidth.of(text)) : 0
                buffer.write(text, x: columnX + pad, y: screenRow, style: cellStyle, maxWidth: cellWidth)
                if let matcher {
                    for range in matcher.ranges(in: text) {
                        let start = columnX + pad + DisplayWidth.of(String(text[..<range.lowerBound]))
                        buffer.style(
                            x: start, y: screenRow, width: DisplayWidth.of(String(text[range])), style: .highlight)
                    }
                }
                columnX += cellWidth + 1
            }
        }
    }

    /// Cut to `width` with the last word kept whole after the cut: "12345678901… EUR".
    public static func truncateKeepingLastWord(_ text: String, to width: Int) -> String {
        guard DisplayWidth.of(text) > width, let space = text.lastIndex(of: " ") else {
            return DisplayWidth.truncate(text, to: width)
        }
        let word = String(text[space...])
        let room = width - DisplayWidth.of(word)
        guard room >= 2 else { return DisplayWidth.truncate(text, to: width) }
        return DisplayWidth.truncate(String(text[..<space]), to: room) + word
    }
}
