import OrderDeckCore
import TerminalUI

enum ExecutionsAction: Sendable {
    case open, machine, statusFilter, filter, logs, copy, stop, redrive, mark, diff
}

enum ExecutionsKeys {
    static let table = KeyTable<ExecutionsAction>([
        .init([.enter, .right], "open the execution", hint: "open", .open),
        .init([.character("m")], "next state machine", hint: "machine", .machine),
        .init(
            [.character("f")], "status filter (all, running, succeeded, failed, timed out, aborted)", hint: "status",
            .statusFilter),
        .init(
            [.character("/")], "filter by name, status or version (terms: version:7, alias:prod)", hint: "filter",
            .filter),
        .init([.character("l")], "the execution's log lines", hint: "logs", .logs),
        .init([.character("y")], "copy the ARN", .copy),
        .init(
            [.character("x")], "stop the selected RUNNING execution (asks for error and cause, then confirms)",
            hint: "stop", mutates: true, .stop),
        .init(
            [.character("R")],
            "redrive the selected failed Standard execution (confirms first; :redrive shown: every one shown)",
            hint: "redrive", mutates: true, .redrive),
        .init([.character(" ")], "mark the execution to compare (or unmark it)", hint: "mark", .mark),
        .init([.character("D")], "diff: the marked execution against the selected one", hint: "diff", .diff),
    ])
}

extension DashboardState {
    mutating func handleExecutions(_ key: Key) -> [Effect] {
        let rows = layout.listRows
        if executions.table.handleMovement(key, visibleRows: rows) { return [] }
        guard let action = ExecutionsKeys.table.action(for: key, readOnly: stack.readOnly) else { return [] }
        let selected = executions.selected
        switch action {
        case .open:
            guard let selected else { return [] }
            return openExecution(selected.arn)
        case .machine:
            executions.nextMachine(visibleRows: rows)
        case .statusFilter:
            executions.nextStatusFilter(visibleRows: rows)
        case .filter:
            prompt = Prompt(.filter(.executions), text: executions.filter)
        case .logs:
            guard let selected else { return [] }
            openLogs(for: selected.arn)
        case .copy:
            guard let selected else { return [] }
            return copy(selected.arn.rawValue)
        case .stop:
            beginStop(selected)
        case .redrive:
            beginRedrive(selected)
        case .mark:
            toggleMark(selected)
        case .diff:
            return diffMarked(with: selected)
        }
        return []
    }
}
