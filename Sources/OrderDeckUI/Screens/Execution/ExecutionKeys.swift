import OrderDeckCore
import TerminalUI

enum ExecutionAction: Sendable {
    case drill, previousGroup, nextGroup, events, inspect, logs, functionLogs, order, copy, stop, redrive, rerun, replay
}

enum ExecutionKeys {
    static let table = KeyTable<ExecutionAction>([
        .init(
            [.enter], "into a Map's iterations or a Parallel's branches, then one of them; a distributed Map's Map Run",
            hint: "drill", .drill),
        .init([.character("]")], "next iteration or branch (drilled in)", .nextGroup),
        .init([.character("[")], "previous iteration or branch (drilled in)", .previousGroup),
        .init([.character("e")], "raw event list ⇄ timeline", hint: "events", .events),
        .init(
            [.character("i")], "the state's input and output (or the event) as foldable JSON", hint: "inspect", .inspect
        ),
        .init([.character("l")], "log lines of this execution", hint: "logs", .logs),
        .init(
            [.character("L")], "what the state's Lambda function logged while it ran (/aws/lambda/<function>)",
            hint: "fn logs", .functionLogs),
        .init([.character("o")], "its order row (looked up when not loaded)", hint: "order", .order),
        .init([.character("y")], "copy the ARN", hint: "copy", .copy),
        .init(
            [.character("x")], "stop this RUNNING execution (StopExecution: asks for error and cause, then confirms)",
            hint: "stop", mutates: true, .stop),
        .init(
            [.character("R")],
            "redrive this failed Standard execution (same ARN, from the states that did not succeed; confirms first)",
            hint: "redrive", mutates: true, .redrive),
        .init(
            [.character("P")],
            "replay it on the local engine from its recording and compare (nothing is written; works read-only)",
            hint: "replay", .replay),
        .init(
            [.character("n")], "re-run this failed order as a new order (Submit, prefilled with its input; a fresh id)",
            hint: "re-run", mutates: true, .rerun),
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
            // A distributed Map: its iterations are child executions, listed by its Map Run.
            if let step = execution.selectedStep, !step.hasChildren, let run = step.mapRun {
                return openMapRun(run.arn, state: step)
            }
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
        case .functionLogs:
            guard let step = execution.selectedStep, let window = FunctionLogWindow(step: step, now: now) else {
                say("no Lambda function here: L works on a Task state that invokes one")
                return []
            }
            say("reading \(window.group) while \(window.state) ran…")
            return [.functionLogs(window)]
        case .order:
            let input = execution.execution?.input.flatMap { try? JSONValue.parse($0) }
            return jumpToOrder(of: arn, userId: input?["user_id"]?.stringValue)
        case .copy:
            return copy(arn.rawValue)
        case .stop:
            beginStop(execution.execution)
        case .redrive:
            beginRedrive(execution.execution)
        case .rerun:
            rerun(execution.execution)
        case .replay:
            guard let found = execution.execution else { return [] }
            diff.requestReplay(of: found)
            push(.diff)
            return [.replay(arn)]
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
            var members: [(String, JSONValue)] = []
            // The error and the whole cause first: what an operator opens a failed state for.
            if let error = step.error { members.append(("error", .string(error))) }
            if let location = step.errorLocation { members.append(("location", .string(location))) }
            if let cause = step.cause {
                let value = JSONInspector.parsedOrText(cause)
                members.append(("cause", value))
                // A text cause longer than a screen: also as its wrapped lines, one row each, so it
                // scrolls like anything else in the inspector.
                if case .string(let text) = value {
                    let lines = ExecutionProblem.wrap(TerminalSafe.escape(text), width: max(20, size.width - 12))
                    if lines.count > max(1, layout.bodyHeight / 2) {
                        members.append(("cause, line by line", .array(lines.map(JSONValue.string))))
                    }
                }
            }
            members += [
                ("input", JSONInspector.parsedOrText(step.input)),
                ("output", JSONInspector.parsedOrText(step.output)),
            ]
            members += JSONInspector.variableMembers(of: step, in: execution.timeline)
            inspector = JSONInspector(title: "state \(step.name)", value: .object(members))
        }
    }

    /// `n`: a FAILED, TIMED_OUT or ABORTED execution's input on the Submit screen, ready to send as
    /// a new order (`s`), journaled like any submission.
    mutating func rerun(_ found: Execution?) {
        guard let found else { return }
        guard found.status.isFailure else {
            say("\(found.name) is \(found.status): only a failed order is re-run", isError: true)
            return
        }
        guard let input = found.input.flatMap({ try? JSONValue.parse($0) }), input.objectMembers != nil else {
            say("\(found.name) has no JSON object input to re-run", isError: true)
            return
        }
        submit.prefill(with: input, rerunOf: found.name)
        _ = show(.submit)
        say("re-run of \(found.name): its input, sent as a new order with a fresh id (s sends)")
    }
}
