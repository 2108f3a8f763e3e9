import OrderDeckCore
import TerminalUI

extension Screen {
    public static let executions = Screen(rawValue: "executions")
}

extension ScreenSpec {
    /// One state machine's executions; stop is offered only on a running Standard one.
    static let executions = ScreenSpec(
        .executions, title: "Executions", place: .tab(number: 2, help: "executions"),
        keys: ScreenKeyTable(ExecutionsKeys.table, list: true) { $0.executionsKeyApplies($1) },
        handle: { $0.handleExecutions($1) }, render: { ExecutionsView.render($0, into: &$1, y: $2, height: $3) },
        export: { $0.executionsExport },
        click: { state, _, y in
            let (firstRow, rows) = (state.layout.bodyTop + 2, state.layout.listRows)
            return DashboardState.selectRow(in: &state.executions.table, y: y, firstRow: firstRow, rows: rows)
        },
        filter: { state, text in state.executions.setFilter(text, visibleRows: state.layout.listRows) },
        leave: { state in
            // A list narrowed by a jump from the Overview shows everything again when left.
            if state.executions.scope != nil { state.executions.setScope(nil, visibleRows: state.layout.listRows) }
            return []
        }, ticks: { $0.executions.anyVisibleRunning })
}
