import OrderDeckCore
import TerminalUI

enum LogsAction: Sendable {
    case pause, search, next, previous, filter, wrap, inspect, open
}

enum LogsKeys {
    static let table = KeyTable<LogsAction>([
        .init([.character("p"), .character(" ")], "pause / follow the newest line", hint: "pause", .pause),
        .init([.character("/")], "search (highlight)", hint: "search", .search),
        .init([.character("n")], "next match", hint: "next", .next),
        .init([.character("N")], "previous match", .previous),
        .init([.character("f")], "filter lines", hint: "filter", .filter),
        .init([.character("w")], "show the selected line in full (wrapped)", hint: "wrap", .wrap),
        .init([.character("i")], "the selected event as foldable JSON", .inspect),
        .init([.character("o")], "open the line's execution", hint: "execution", .open),
    ])
}

extension DashboardState {
    mutating func handleLogs(_ key: Key) -> [Effect] {
        let rows = LogsView.tableRows(layout, state: logs)
        if logs.table.handleMovement(key, visibleRows: rows) {
            logs.moved()
            return []
        }
        guard let action = LogsKeys.table.action(for: key) else { return [] }
        switch action {
        case .pause: logs.togglePause(visibleRows: rows)
        case .search: prompt = Prompt(.search, text: logs.search)
        case .next: logs.findMatch(forward: true, visibleRows: rows)
        case .previous: logs.findMatch(forward: false, visibleRows: rows)
        case .filter: prompt = Prompt(.filter(.logs), text: logs.filter)
        case .wrap:
            logs.wrap.toggle()
            logs.table.scrollToSelection(visibleRows: LogsView.tableRows(layout, state: logs))
        case .inspect:
            guard let event = logs.selected else { return [] }
            inspector = JSONInspector(
                title: "log event \(event.eventId) · \(event.group) · \(event.stream)",
                value: JSONInspector.expanded(JSONInspector.parsedOrText(event.message)))
        case .open:
            guard let arn = logs.selected?.record?.executionArn else { return [] }
            return openExecution(ExecutionARN(arn))
        }
        return []
    }
}
