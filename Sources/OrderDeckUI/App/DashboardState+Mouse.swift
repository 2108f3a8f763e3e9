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
        for spec in screens.tabs(readOnly: stack.readOnly) {
            let width = DisplayWidth.of(" \(spec.tabNumber ?? 0) \(spec.title) ")
            if (start..<start + width).contains(x) { return spec.screen }
            start += width + 1
        }
        return nil
    }

    /// Selects what is drawn at column `x`, line `y` of the current screen (the row of a list,
    /// the chart's minute on the Overview). False when nothing is there.
    @discardableResult
    mutating func select(x: Int, y: Int) -> Bool {
        screens[screen].click(&self, x, y)
    }

    /// Selects the row of `table` drawn at line `y`, its first row drawn at `firstRow`.
    static func selectRow(in table: inout TableView, y: Int, firstRow: Int, rows: Int) -> Bool {
        let offset = y - firstRow
        guard offset >= 0, offset < rows, table.top + offset < table.rowCount else { return false }
        table.moveTo(table.top + offset, visibleRows: rows)
        return true
    }
}
