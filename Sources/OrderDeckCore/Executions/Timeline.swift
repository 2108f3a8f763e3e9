import Foundation

/// The states an execution went through, built from its events: when each was entered and
/// exited, how long it took, how often its task was retried, its input and output, and — up front
/// — the state that failed with its error and cause.
public struct Timeline: Sendable, Hashable {
    public struct Step: Sendable, Hashable {
        public var name: String
        /// Task, Pass, Choice, Wait, Fail, Succeed, Map, Parallel (from the event type).
        public var kind: String
        public var entered: Date
        public var exited: Date?
        public var input: String?
        public var output: String?
        /// How many times the state's task was scheduled (0 for states without a task).
        public var attempts: Int
        /// Task attempts beyond the first.
        public var retries: Int { max(0, attempts - 1) }
        public var error: String?
        public var cause: String?
        public var failed: Bool

        public var duration: TimeInterval? { exited.map { $0.timeIntervalSince(entered) } }
    }

    public var steps: [Step]
    public var startedAt: Date?
    public var endedAt: Date?
    public var status: ExecutionStatus?
    /// The step that failed, or the execution's own error when no state owns it.
    public var failure: (state: String?, error: String?, cause: String?)? {
        get {
            if let step = steps.last(where: { $0.failed }) { return (step.name, step.error, step.cause) }
            if let executionError { return (nil, executionError.0, executionError.1) }
            return nil
        }
        set {}
    }
    var executionError: (String?, String?)?

    public static func == (lhs: Timeline, rhs: Timeline) -> Bool {
        lhs.steps == rhs.steps && lhs.startedAt == rhs.startedAt && lhs.endedAt == rhs.endedAt
            && lhs.status == rhs.status
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(steps)
        hasher.combine(status)
    }

    public init(events: [ExecutionEvent]) {
        var steps: [Step] = []
        var open: [String: Int] = [:]
        var startedAt: Date?
        var endedAt: Date?
        var status: ExecutionStatus?
        var executionError: (String?, String?)?
        for event in events.sorted(by: { $0.id < $1.id }) {
            let type = event.type
            if type == "ExecutionStarted" { startedAt = event.timestamp }
            if let final = event.terminalStatus {
                endedAt = event.timestamp
                status = final
                if event.error != nil || event.cause != nil { executionError = (event.error, event.cause) }
            }
            if type.hasSuffix("StateEntered"), let name = event.stateName {
                let kind = String(type.dropLast("StateEntered".count))
                steps.append(
                    Step(
                        name: name, kind: kind, entered: event.timestamp, input: event.input, attempts: 0,
                        failed: kind == "Fail"))
                open[name] = steps.count - 1
                if kind == "Fail" {
                    steps[steps.count - 1].exited = event.timestamp
                }
            } else if type.hasSuffix("StateExited"), let name = event.stateName, let index = open[name] {
                steps[index].exited = event.timestamp
                steps[index].output = event.output
                open[name] = nil
            } else if let index = steps.indices.last, steps[index].exited == nil {
                // Task-level events belong to the state that is open.
                switch type {
                case "TaskScheduled", "ActivityScheduled", "LambdaFunctionScheduled":
                    steps[index].attempts += 1
                case "TaskFailed", "ActivityFailed", "LambdaFunctionFailed", "TaskTimedOut", "TaskStartFailed",
                    "TaskSubmitFailed":
                    steps[index].error = event.error
                    steps[index].cause = event.cause
                case "TaskSucceeded":
                    steps[index].error = nil
                default: break
                }
            }
            if type == "ExecutionFailed" || type == "ExecutionTimedOut" || type == "ExecutionAborted",
                let index = steps.indices.last, steps[index].exited == nil
            {
                // The state running when the execution died is the one that failed.
                steps[index].failed = true
                steps[index].exited = event.timestamp
                steps[index].error = steps[index].error ?? event.error
                steps[index].cause = steps[index].cause ?? event.cause
            }
        }
        for index in steps.indices where steps[index].kind == "Fail" {
            steps[index].error = steps[index].error ?? executionError?.0
            steps[index].cause = steps[index].cause ?? executionError?.1
        }
        self.steps = steps
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.status = status
        self.executionError = executionError
    }
}
