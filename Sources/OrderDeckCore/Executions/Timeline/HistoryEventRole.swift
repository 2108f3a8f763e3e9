/// What one history event means for the timeline, decided once from its type.
///
/// Every `HistoryEventType` of the Step Functions API has a role; a type this does not know
/// returns nil, so a test over the service model's list fails when AWS adds one — instead of the
/// event silently vanishing from the timeline.
public enum HistoryEventRole: Sendable, Hashable {
    case executionStarted
    case executionEnded(ExecutionStatus)
    case executionRedriven
    /// `<Kind>StateEntered`: a state of that kind began (Task, Pass, Choice, Wait, Succeed, Fail, Map, Parallel).
    case stateEntered(kind: StateKind)
    case stateExited(kind: StateKind)
    /// `<Kind>StateAborted`: the state was stopped from outside (execution stopped, sibling failed).
    case stateAborted(kind: StateKind)
    /// `MapStateStarted`, `ParallelStateStarted`: one attempt of the state's iterations or branches.
    case attemptStarted(kind: StateKind)
    case attemptSucceeded(kind: StateKind)
    case attemptFailed(kind: StateKind)
    /// A Task-state event of a task, activity or Lambda function.
    case task(TaskPhase)
    case iterationStarted
    case iterationEnded(StepOutcome)
    case mapRunStarted
    case mapRunEnded(StepOutcome)
    case mapRunRedriven
    /// A JSONata or variable evaluation failed in a state (details name the state).
    case evaluationFailed

    public enum TaskPhase: String, Sendable, Hashable {
        case scheduled, started, submitted, succeeded, failed, timedOut
    }

    static let taskSources = ["LambdaFunction", "Activity", "Task"]
    static let taskPhases: [(suffix: String, phase: TaskPhase)] = [
        ("ScheduleFailed", .failed), ("StartFailed", .failed), ("SubmitFailed", .failed), ("Scheduled", .scheduled),
        ("Started", .started), ("Submitted", .submitted), ("Succeeded", .succeeded), ("Failed", .failed),
        ("TimedOut", .timedOut),
    ]

    public init?(type: String) {
        switch type {
        case "ExecutionStarted": self = .executionStarted
        case "ExecutionSucceeded": self = .executionEnded(.succeeded)
        case "ExecutionFailed": self = .executionEnded(.failed)
        case "ExecutionTimedOut": self = .executionEnded(.timedOut)
        case "ExecutionAborted": self = .executionEnded(.aborted)
        case "ExecutionRedriven": self = .executionRedriven
        case "MapIterationStarted": self = .iterationStarted
        case "MapIterationSucceeded": self = .iterationEnded(.succeeded)
        case "MapIterationFailed": self = .iterationEnded(.failed)
        case "MapIterationAborted": self = .iterationEnded(.aborted)
        case "MapRunStarted": self = .mapRunStarted
        case "MapRunSucceeded": self = .mapRunEnded(.succeeded)
        case "MapRunFailed": self = .mapRunEnded(.failed)
        case "MapRunAborted": self = .mapRunEnded(.aborted)
        case "MapRunRedriven": self = .mapRunRedriven
        case "EvaluationFailed": self = .evaluationFailed
        default:
            if let role = Self.stateRole(type) ?? Self.taskRole(type) { self = role } else { return nil }
        }
    }

    private static func stateRole(_ type: String) -> HistoryEventRole? {
        for kind in StateKind.known where type.hasPrefix(kind.rawValue + "State") {
            switch type.dropFirst(kind.rawValue.count + "State".count) {
            case "Entered": return .stateEntered(kind: kind)
            case "Exited": return .stateExited(kind: kind)
            case "Aborted": return .stateAborted(kind: kind)
            case "Started" where kind.holdsGroups: return .attemptStarted(kind: kind)
            case "Succeeded" where kind.holdsGroups: return .attemptSucceeded(kind: kind)
            case "Failed" where kind.holdsGroups: return .attemptFailed(kind: kind)
            default: return nil
            }
        }
        return nil
    }

    private static func taskRole(_ type: String) -> HistoryEventRole? {
        guard let source = taskSources.first(where: { type.hasPrefix($0) }) else { return nil }
        let rest = type.dropFirst(source.count)
        return taskPhases.first { rest == $0.suffix }.map { .task($0.phase) }
    }

    /// The kind of state that owns an event of this role, when the role says.
    var ownerKind: StateKind? {
        switch self {
        case .stateEntered(let kind), .stateExited(let kind), .stateAborted(let kind), .attemptStarted(let kind),
            .attemptSucceeded(let kind), .attemptFailed(let kind):
            return kind
        case .task: return .task
        case .iterationStarted, .iterationEnded, .mapRunStarted, .mapRunEnded, .mapRunRedriven: return .map
        default: return nil
        }
    }
}

/// How a state, a Map iteration, a Parallel branch or a Map Run ended — or that it has not.
public enum StepOutcome: String, Sendable, Hashable, Codable {
    case running
    case succeeded
    /// Failed, and the failure left the state (to its parent or the execution).
    case failed
    /// Failed, and a Catch took the execution on to another state.
    case caught
    case aborted
    case timedOut

    public var isFinished: Bool { self != .running }
}
