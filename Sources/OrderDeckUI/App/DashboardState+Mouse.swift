import TerminalUI

/// The mouse, when the operator turned it on (`--mouse`): as k9s — a click selects, a
/// double-click opens (⏎), the wheel scrolls, a click on a tab switches to it.
extension DashboardState {
    /// Nil when `key` is not a mouse event.
    mutating func handleMouse(_ key: Key) -> [Effect]? {
        switch key {
        case .mouseWheel, .mouseClick, .mouseDoubleClick:
            // Over the help, a click closes it (as a key does).
            if showHelp {
                showHelp = false
                return []
            }
        default: return nil
        }
        switch key {
        case .mouseWheel(let up):
            guard prompt == nil, inspector == nil else { return [] }
            var effects: [Effect] = []
            for _ in 0..<3 { effects += handle(up ? .up : .down) }
            return effects
        case .mouseClick(let x, let y):
            guard prompt == nil, confirmation == nil else { return [] }
            if y == 1, let tab = tab(at: x) { return show(tab) }
            select(x: x, y: y)
            return []
        case .mouseDoubleClick(let x, let y):
            guard prompt == nil, confirmation == nil else { return [] }
            if y == 1, let tab = tab(at: x) { return show(tab) }
            guard select(x: x, y: y) else { return [] }
            return handle(.enter)
        default:
            return nil
        }
    }

    /// The tab drawn at column `x` of the tab row (as `ChromeView.tabs` lays them out).
    func tab(at x: Int) -> Screen? {
        var start = 0
        for screen in Screen.tabs(readOnly: stack.readOnly) {
            let width = DisplayWidth.of(" \(screen.tabNumber) \(screen.title) ")
            if (start..<start + width).contains(x) { return screen }
            start += width + 1
        }
        return nil
    }

    /// Selects the row drawn at line `y` of the current list (its first row is under the column
    /// headers); on the Overview, the chart's minute at column `x`. False when nothing is there.
    @discardableResult
    mutating func select(x: Int, y: Int) -> Bool {
        let listTop = layout.bodyTop + 2
        switch screen {
        case .orders: return select(&orders.table, y: y, firstRow: listTop, rows: layout.listRows)
        case .executions: return select(&executions.table, y: y, firstRow: listTop, rows: layout.listRows)
        case .logs:
            let rows = LogsView.tableRows(layout, state: logs)
            let selected = select(&logs.table, y: y, firstRow: listTop, rows: rows)
            if selected { logs.moved() }
            return selected
        case .execution:
            let frame = ExecutionView.tableFrame(self, y: layout.bodyTop, height: layout.bodyHeight)
            return select(&execution.table, y: y, firstRow: frame.top + 1, rows: frame.height - 1)
        case .overview:
            guard let figures = overview.figures, y > layout.bodyTop, x < figures.minutes.count else { return false }
            let shown = min(size.width, figures.minutes.count)
            overview.moveCursor(by: figures.minutes.count - shown + x - overview.cursor)
            return true
        case .submit:
            return false
        }
    }

    private func select(_ table: inout TableView, y: Int, firstRow: Int, rows: Int) -> Bool {
        let offset = y - firstRow
        guard offset >= 0, offset < rows, table.top + offset < table.rowCount else { return false }
        table.moveTo(table.top + offset, visibleRows: rows)
        return true
    }
}
