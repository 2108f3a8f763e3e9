/// A scrolling table: header, rows, a selection. Only the rows on screen are asked for, so a
/// table of 100,000 rows scrolls as fast as one of ten.
public struct TableView: Sendable {
    public struct Column: Sendable, Hashable {
        public enum Alignment: Sendable, Hashable { case left, right }
        public var title: String
        /// Fixed width, or nil to share what is left.
        public var width: Int?
        public var alignment: Alignment
        /// A flexible column is not squeezed below this; columns are dropped instead.
        public var minWidth: Int
        /// When the terminal is too narrow, columns with the lowest priority are hidden first.
        public var priority: Int

        public init(
            _ title: String, width: Int? = nil, alignment: Alignment = .left, minWidth: Int = 12, priority: Int = 5
        ) {
            self.title = title
            self.width = width
            self.alignment = alignment
            self.minWidth = minWidth
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

    /// Column widths for a total width: the least important columns are dropped (width 0) until
    /// the rest fit with their flexible columns at least `minWidth`; fixed ones get their width,
    /// flexible ones share what is left.
    public func widths(for total: Int) -> [Int] {
        var shown = Array(columns.indices)
        func needed(_ indices: [Int]) -> Int {
            indices.reduce(0) { $0 + (columns[$1].width ?? columns[$1].minWidth) } + max(0, indices.count - 1)
        }
        while shown.count > 1, needed(shown) > total {
            let drop = shown.dropFirst().min { (columns[$0].priority, -$0) < (columns[$1].priority, -$1) }!
            shown.removeAll { $0 == drop }
        }
        let gaps = max(0, shown.count - 1)
        let fixed = shown.compactMap { columns[$0].width }.reduce(0, +)
        let flexible = shown.filter { columns[$0].width == nil }.count
        let remaining = max(0, total - fixed - gaps)
        var result = columns.indices.map { index -> Int in
            guard shown.contains(index) else { return 0 }
            return columns[index].width ?? (flexible > 0 ? remaining / flexible : 0)
        }
        // Still too narrow (a single column, or a tiny terminal): clip from the right.
        var overflow = result.reduce(0, +) + gaps - total
        var index = result.count - 1
        while overflow > 0 && index >= 0 {
            let cut = min(overflow, max(0, result[index] - 1))
            result[index] -= cut
            overflow -= cut
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
        let widths = widths(for: width)
        buffer.fillRow(y, from: x, style: .header)
        var column = x
        for (index, definition) in columns.enumerated() where widths[index] > 0 && column < x + width {
            var title = definition.title
            if sortColumn == index { title += sortDescending ? "↓" : "↑" }
            buffer.write(title, x: column, y: y, style: .header, maxWidth: widths[index])
            column += widths[index] + 1
        }
        let visible = height - 1
        for line in 0..<visible {
            let index = top + line
            let screenRow = y + 1 + line
            guard index < rowCount else {
                buffer.fillRow(screenRow, from: x)
                continue
            }
            let isSelected = index == selected
            buffer.fillRow(screenRow, from: x, style: isSelected ? .selected : .plain)
            let values = row(index)
            var columnX = x
            for (columnIndex, cellWidth) in widths.enumerated() where cellWidth > 0 {
                let raw = columnIndex < values.count ? TerminalSafe.escape(values[columnIndex]) : ""
                let text = DisplayWidth.truncate(raw, to: cellWidth)
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
}
