import OrderDeckCore
import TerminalUI

extension Screen {
    public static let execution = Screen(rawValue: "execution")
}

extension ScreenSpec {
    /// One execution, opened from a list (its tab is Executions'); drilled into a Map or a
    /// Parallel, back goes up one level before it leaves.
    static let execution = ScreenSpec(
        .execution, title: "Execution", place: .under(.executions),
        keys: ScreenKeyTable(ExecutionKeys.table, list: true) { $0.executionKeyApplies($1) },
        handle: { $0.handleExecution($1) }, render: { ExecutionView.render($0, into: &$1, y: $2, height: $3) },
        export: { $0.executionExport },
        click: { state, _, y in
            let frame = ExecutionView.tableFrame(state, y: state.layout.bodyTop, height: state.layout.bodyHeight)
            return DashboardState.selectRow(
                in: &state.execution.table, y: y, firstRow: frame.top + 1, rows: frame.height - 1)
        },
        back: { state in
            let rows = ExecutionView.tableRows(state)
            return state.execution.drillOut(visibleRows: rows)
        },
        leave: { state in
            // Watched while it is anywhere in the navigation.
            state.isWatchingExecution ? [] : [.stopWatching]
        }, ticks: { $0.execution.isRunning }, watchesExecution: true)
}
