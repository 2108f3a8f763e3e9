import OrderDeckCore
import TerminalUI

enum MapRunAction: Sendable {
    case open, statusFilter, copy
}

enum MapRunKeys {
    static let table = KeyTable<MapRunAction>([
        .init([.enter, .right], "open the child execution's history (back returns here)", hint: "open", .open),
        .init(
            [.character("f")], "status filter (all, then each status among the children, failed first)",
            hint: "status", .statusFilter),
        .init([.character("y")], "copy the Map Run's ARN (for executions --map-run)", hint: "copy", .copy),
    ])
}

extension DashboardState {
    mutating func handleMapRun(_ key: Key) -> [Effect] {
        let rows = MapRunView.tableRows(self)
        if mapRun.table.handleMovement(key, visibleRows: rows) { return [] }
        guard let action = MapRunKeys.table.action(for: key, readOnly: stack.readOnly) else { return [] }
        switch action {
        case .open:
            guard let child = mapRun.selected else { return [] }
            guard !child.isExpress else {
                // Step Functions keeps no history of an Express child: only its machine's logs do.
                say("\(child.name) is an Express child: its history is only in its machine's log group", isError: true)
                return []
            }
            return openExecution(child.arn)
        case .statusFilter:
            mapRun.nextStatusFilter(visibleRows: rows)
        case .copy:
            guard let arn = mapRun.arn else { return [] }
            return copy(arn)
        }
        return []
    }

    /// ⏎ on a distributed Map's row: its Map Run, read now and again while it runs.
    mutating func openMapRun(_ arn: String, state step: Timeline.Step) -> [Effect] {
        mapRun.open(arn, state: step, from: execution)
        push(.mapRun)
        return [.watchMapRun(arn)]
    }

    /// Back from the Map Run: the Execution screen shows the parent again (a child was opened in
    /// its place), read afresh.
    mutating func leaveMapRun() -> [Effect] {
        guard let parent = mapRun.parent, let arn = parent.arn else { return [.stopWatchingMapRun] }
        mapRun.parent = nil
        guard execution.arn != arn else { return [.stopWatchingMapRun] }
        execution = parent
        return [.stopWatchingMapRun, .watch(arn)]
    }
}
