import OrderDeckCore
import TerminalUI

extension Screen {
    public static let mapRun = Screen(rawValue: "maprun")
}

extension ScreenSpec {
    /// A distributed Map's run, opened from its row on the Execution screen (its tab is
    /// Executions'); ⏎ on a child opens its history, and back from the run shows the parent again.
    static let mapRun = ScreenSpec(
        .mapRun, title: "Map Run", place: .under(.executions),
        keys: ScreenKeyTable(MapRunKeys.table, list: true) { state, action in
            action != .open || state.mapRun.selected.map { !$0.isExpress } == true
        },
        handle: { $0.handleMapRun($1) }, render: { MapRunView.render($0, into: &$1, y: $2, height: $3) },
        export: { $0.mapRunExport },
        click: { state, _, y in
            let frame = MapRunView.tableFrame(state, y: state.layout.bodyTop, height: state.layout.bodyHeight)
            guard frame.height >= 2 else { return false }
            return DashboardState.selectRow(
                in: &state.mapRun.table, y: y, firstRow: frame.top + 1, rows: frame.height - 1)
        },
        leave: { $0.leaveMapRun() },
        ticks: { $0.mapRun.isRunning || $0.mapRun.visible.contains { $0.status == .running } })
}
