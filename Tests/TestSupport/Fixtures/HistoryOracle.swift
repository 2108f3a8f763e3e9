import Foundation
import OrderDeckCore

/// A timeline as some view rendered it — the Core model, the CLI's JSON, the dashboard — reduced to
/// what the oracle checks: states by their entered event, outcomes, groups, the failure.
public struct RenderedTimeline {
    public struct Step {
        public var enteredEventId: Int
        public var name: String
        public var outcome: String
        public var children: [Group]
        public init(enteredEventId: Int, name: String, outcome: String, children: [Group]) {
            self.enteredEventId = enteredEventId
            self.name = name
            self.outcome = outcome
            self.children = children
        }
    }

    public struct Group {
        public var kind: String
        public var index: Int
        public var label: String
        public var outcome: String
        public var steps: [Step]
        public init(kind: String, index: Int, label: String, outcome: String, steps: [Step]) {
            self.kind = kind
            self.index = index
            self.label = label
            self.outcome = outcome
            self.steps = steps
        }
    }

    public var steps: [Step]
    public var failurePath: [String]
    public var failureError: String?

    public init(steps: [Step], failurePath: [String], failureError: String?) {
        self.steps = steps
        self.failurePath = failurePath
        self.failureError = failureError
    }

    public init(_ timeline: Timeline) {
        func convert(_ step: Timeline.Step) -> Step {
            Step(
                enteredEventId: step.enteredEventId, name: step.name, outcome: step.outcome.rawValue,
                children: step.children.map { group in
                    Group(
                        kind: group.kind.rawValue, index: group.index, label: group.label,
                        outcome: group.outcome.rawValue, steps: group.steps.map(convert))
                })
        }
        self.init(
            steps: timeline.steps.map(convert), failurePath: timeline.failure?.path ?? [],
            failureError: timeline.failure?.error)
    }

    /// Every step at every depth.
    public var allSteps: [Step] {
        var result: [Step] = []
        func walk(_ steps: [Step]) {
            for step in steps {
                result.append(step)
                for group in step.children { walk(group.steps) }
            }
        }
        walk(steps)
        return result
    }
}

/// What a faithful timeline must show for one recorded history, worked out from the raw events.
public struct HistoryOracle {
    let status: String
    let events: [[String: Any]]
    let byId: [Int: [String: Any]]

    public init(record: [String: Any]) {
        status = record["status"] as? String ?? ""
        events = record["events"] as? [[String: Any]] ?? []
        byId = Dictionary(events.map { (($0["id"] as? Int) ?? 0, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public static func details(_ event: [String: Any]) -> [String: Any] {
        event.first { $0.key.hasSuffix("EventDetails") }?.value as? [String: Any] ?? [:]
    }

    public static func type(_ event: [String: Any]) -> String { event["type"] as? String ?? "" }

    public func previous(_ event: [String: Any]) -> [String: Any]? { byId[event["previousEventId"] as? Int ?? 0] }

    /// Walking back from an event, the iteration or branch opener it sits in, or nil at the
    /// execution's level. A Map or Parallel that ended before the event is passed over whole: from
    /// its closing event the walk seeks that state's `…StateEntered` (a retried Map's chain runs
    /// through its earlier attempts' iterations, so openers inside it do not count).
    public func opener(of event: [String: Any]) -> [String: Any]? {
        var current = previous(event)
        var steps = 0
        while let here = current, steps < 10_000 {
            steps += 1
            let type = Self.type(here)
            if let kind = Self.containerKind(closedBy: type) {
                current = enteredEvent(kind: kind, from: previous(here))
                current = current.flatMap(previous)
                continue
            }
            if type == "MapIterationStarted" || type == "ParallelStateStarted" { return here }
            current = previous(here)
        }
        return nil
    }

    public static func containerKind(closedBy type: String) -> String? {
        for kind in ["Map", "Parallel"] {
            for end in ["Succeeded", "Failed", "Aborted", "Exited"] where type == "\(kind)State\(end)" { return kind }
        }
        return nil
    }

    /// Back from inside a Map or Parallel state to its `…StateEntered`, passing over nested ones of the same kind.
    public func enteredEvent(kind: String, from start: [String: Any]?) -> [String: Any]? {
        var nested = 0
        var current = start
        var steps = 0
        while let here = current, steps < 10_000 {
            steps += 1
            let type = Self.type(here)
            if Self.containerKind(closedBy: type) == kind { nested += 1 }
            if type == "\(kind)StateEntered" {
                if nested == 0 { return here }
                nested -= 1
            }
            current = previous(here)
        }
        return nil
    }

    public func problems(in timeline: RenderedTimeline) -> [String] {
        var problems: [String] = []
        let steps = timeline.allSteps
        let stepsByEntered = Dictionary(steps.map { ($0.enteredEventId, $0) }, uniquingKeysWith: { first, _ in first })
        let entered = events.filter { Self.type($0).hasSuffix("StateEntered") }
        // Every state entered is shown, once.
        if steps.count != entered.count { problems.append("\(entered.count) states entered, \(steps.count) shown") }
        for event in entered where stepsByEntered[event["id"] as? Int ?? -1] == nil {
            problems.append("state \(Self.details(event)["name"] ?? "?") (event \(event["id"] ?? "?")) not shown")
        }
        // A finished execution has nothing running.
        if status != "RUNNING" {
            for step in steps where step.outcome == "running" { problems.append("\(step.name) still running") }
            for step in steps {
                for group in step.children where group.outcome == "running" {
                    problems.append("\(step.name) \(group.label) still running")
                }
            }
        }
        // Iterations and branches: each state sits in the group its chain opened.
        var parentOf: [Int: (RenderedTimeline.Step, RenderedTimeline.Group)] = [:]
        for step in steps {
            for group in step.children {
                for child in group.steps { parentOf[child.enteredEventId] = (step, group) }
            }
        }
        for event in entered {
            let id = event["id"] as? Int ?? -1
            let placed = parentOf[id]
            guard let opener = opener(of: event) else {
                if let placed {
                    problems.append("event \(id) put in \(placed.0.name) \(placed.1.label), chain says top")
                }
                continue
            }
            switch Self.type(opener) {
            case "MapIterationStarted":
                let details = Self.details(opener)
                let index = details["index"] as? Int ?? -1
                if placed?.0.name != details["name"] as? String || placed?.1.kind != "iteration"
                    || placed?.1.index != index
                {
                    problems.append(
                        "event \(id) belongs to \(details["name"] ?? "?") iteration \(index), shown in \(placed.map { "\($0.0.name) \($0.1.label)" } ?? "top")"
                    )
                }
            default:
                let parallel =
                    enteredEvent(kind: "Parallel", from: previous(opener)).map {
                        Self.details($0)["name"] as? String
                    } ?? nil
                if placed?.1.kind != "branch" || (parallel != nil && placed?.0.name != parallel) {
                    problems.append("event \(id) belongs to a branch of \(parallel ?? "?")")
                }
            }
        }
        // The failing state and its error, through the chain from the execution's end.
        if status == "FAILED" || status == "TIMED_OUT" {
            guard let end = events.last(where: { ["ExecutionFailed", "ExecutionTimedOut"].contains(Self.type($0)) })
            else { return problems + ["no end event"] }
            let error = Self.details(end)["error"] as? String
            if let error, timeline.failureError != error {
                problems.append("error \(timeline.failureError ?? "nil"), execution says \(error)")
            }
            if let culprit = namedState(before: end), timeline.failurePath.last != culprit.name {
                problems.append("failing state \(timeline.failurePath.last ?? "nil"), chain says \(culprit.name)")
            } else if let culprit = namedState(before: end), let opener = opener(of: culprit.event),
                Self.type(opener) == "MapIterationStarted"
            {
                let index = Self.details(opener)["index"] as? Int ?? -1
                if !timeline.failurePath.contains(where: { $0.hasPrefix("iteration \(index)") }) {
                    problems.append(
                        "failing iteration should be \(index): \(timeline.failurePath.joined(separator: " › "))")
                }
            }
        }
        return problems
    }

    /// The nearest event back along the chain that names a state (iteration events name their Map,
    /// so they are passed over), and the state's own entered event.
    public func namedState(before event: [String: Any]) -> (name: String, event: [String: Any])? {
        var current = previous(event)
        var steps = 0
        while let here = current, steps < 10_000 {
            steps += 1
            let type = Self.type(here)
            let details = Self.details(here)
            if type.hasSuffix("StateEntered"), let name = details["name"] as? String { return (name, here) }
            if type == "EvaluationFailed", let name = details["state"] as? String {
                let enteredEvent = events.last {
                    Self.type($0).hasSuffix("StateEntered") && Self.details($0)["name"] as? String == name
                        && ($0["id"] as? Int ?? 0) < (here["id"] as? Int ?? 0)
                }
                return enteredEvent.map { (name, $0) }
            }
            current = previous(here)
        }
        return nil
    }
}
