import OrderDeckCore
import TerminalUI

extension Screen {
    public static let logs = Screen(rawValue: "logs")
}

extension ScreenSpec {
    /// The vended log lines, following the newest.
    static let logs = ScreenSpec(
        .logs, title: "Logs", place: .tab(number: 3, help: "logs"), keys: ScreenKeyTable(LogsKeys.table, list: true),
        handle: { $0.handleLogs($1) }, render: { LogsView.render($0, into: &$1, y: $2, height: $3) },
        export: { $0.logsExport },
        click: { state, _, y in
            let (firstRow, rows) = (state.layout.bodyTop + 2, LogsView.tableRows(state.layout, state: state.logs))
            let selected = DashboardState.selectRow(in: &state.logs.table, y: y, firstRow: firstRow, rows: rows)
            if selected { state.logs.moved() }
            return selected
        },
        filter: { state, text in
            state.logs.setFilter(text, visibleRows: LogsView.tableRows(state.layout, state: state.logs))
        },
        leave: { state in
            // The error lines the Overview opened, and one execution's lines, are left behind.
            if state.logs.filter == DashboardState.logErrorPattern {
                state.logs.setFilter("", visibleRows: LogsView.tableRows(state.layout, state: state.logs))
            }
            state.logs.showAllExecutions(visibleRows: state.layout.listRows)
            return []
        },
        opened: { state in state.logs.showAllExecutions(visibleRows: state.layout.listRows) },
        shown: { .logsVisible($0) })
}
