import OrderDeckCore
import TerminalUI

enum ExecutionAction: Sendable {
    case drill, previousGroup, nextGroup, events, inspect, logs, order, copy, stop
}

enum ExecutionKeys {
    static let table = KeyTable<ExecutionAction>([
        .init([.enter], "into a Map's iterations or a Parallel's branches, then one of them", hint: "drill", .drill),
        .init([.character("]")], "next iteration or branch (drilled in)", .nextGroup),
        .init([.character("[")], "previous iteration or branch (drilled in)", .previousGroup),
        .init([.character("e")], "raw event list ⇄ timeline", hint: "events", .events),
        .init(
            [.character("i")], "the state's input and output (or the event) as foldable JSON", hint: "inspect", .inspect
        ),
        .init([.character("l")], "log lines of this execution", hint: "logs", .logs),
        .init([.character("o")], "its order row (looked up when not loaded)", hint: "order", .order),
        .init([.character("y")], "copy the ARN", hint: "copy", .copy),
        .init(
            [.character("x")], "stop this RUNNING execution (StopExecution: asks for error and cause, then confirms)",
            hint: "stop", mutates: true, .stop),
    ])
}

extension DashboardState {
    mutating func handleExecution(_ key: Key) -> [Effect] {
        let rows = ExecutionView.tableRows(self)
        if execution.table.handleMovement(key, visibleRows: rows) { return [] }
        guard let action = ExecutionKeys.table.action(for: key, readOnly: stack.readOnly), let arn = execution.arn
        else { return [] }
        switch action {
        case .drill:
            if !execution.drillIn(visibleRows: rows) { say("nothing inside this row: ⏎ opens Map and Parallel states") }
        case .nextGroup:
            if !execution.moveGroup(by: 1, visibleRows: rows) {
                say(execution.isDrilled ? "no next one" : "⏎ on a Map or Parallel row first")
            }
        case .previousGroup:
            if !execution.moveGroup(by: -1, visibleRows: rows) {
                say(execution.isDrilled ? "no previous one" : "⏎ on a Map or Parallel row first")
            }
        case .events:
            execution.toggleRaw(visibleRows: ExecutionView.tableRows(self))
        case .inspect:
            openExecutionInspector()
        case .logs:
            openLogs(for: arn)
        case .order:
            let input = execution.execution?.input.flatMap { try? JSONValue.parse($0) }
            return jumpToOrder(of: arn, userId: input?["user_id"]?.stringValue)
        case .copy:
            return copy(arn.rawValue)
        case .stop:
            beginStop(execution.execution)
        }
        return []
    }

    /// `i`: a state's input and output, or a raw event's details.
    mutating func openExecutionInspector() {
        if execution.raw {
            guard let event = execution.selectedEvent else { return }
            inspector = JSONInspector(
                title: "event \(event.id) \(event.type)", value: JSONInspector.expanded(event.details))
        } else {
            guard let step = execution.selectedStep else { return }
            inspector = JSONInspector(
                title: "state \(step.name)",
                value: .object([
                    ("input", JSONInspector.parsedOrText(step.input)),
                    ("output", JSONInspector.parsedOrText(step.output)),
                ]))
        }
    }
}
