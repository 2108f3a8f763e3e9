import Foundation

/// The states an execution went through, built from its events as the console shows them: each
/// state with when it was entered and left, how it ended, its retries, input and output; Map
/// states with their iterations and Parallel states with their branches, each its own timeline;
/// and — up front — the state that failed the execution with its error and cause.
///
/// Events are attributed through their `previousEventId` chains, not by arrival order, so
/// interleaved iterations and branches land on the right rows (see `TimelineBuilder`).
public struct Timeline: Sendable, Hashable {
    public struct Step: Sendable, Hashable {
        public var name: String
        /// Task, Pass, Choice, Wait, Fail, Succeed, Map, Parallel (from the event type).
        public var kind: StateKind
        /// The id of the `…StateEntered` event: what identifies this run of the state.
        public var enteredEventId: Int
        public var entered: Date
        public var exited: Date?
        public var input: String?
        public var output: String?
        /// Task states: times the task was scheduled. Map and Parallel: times the state started
        /// its iterations or branches. 0 for other states.
        public var attempts: Int
        public var error: String?
        public var cause: String?
        public var outcome: StepOutcome
        /// The task's resource (`dynamodb:putItem`, an activity or function ARN), when it has one.
        public var resource: String?
        /// Task states that invoke a Lambda function: its name (from a function ARN resource, or
        /// `lambda:invoke`'s `FunctionName` as scheduled), so its own log group is one key away.
        public var function: String? = nil
        /// The variables it assigned as it left (`Assign`), when it assigned any.
        public var assigned: AssignedVariables?
        /// A failed JSONata or variable evaluation (`EvaluationFailed`): the field whose expression
        /// failed (`Items`, `Timestamp`, `Output/FunctionResult`), when Step Functions says.
        public var errorLocation: String?
        /// Map: its iterations; Parallel: its branches — of every attempt, oldest attempt first,
        /// then by index (a retried Map keeps the iterations that failed before).
        public var children: [Group]
        /// Map: the number of items of the latest attempt (`MapStateStarted`'s length).
        public var itemCount: Int?
        /// Distributed Map: its Map Run.
        public var mapRun: MapRun?
        /// The run of the execution it was entered in: 0 the first, n the nth redrive.
        public var run: Int = 0
        /// Task states: how each attempt was answered, oldest first (an attempt still running
        /// has none yet).
        public var answers: [TaskAnswer] = []

        /// Attempts beyond the first.
        public var retries: Int { max(0, attempts - 1) }
        /// The failure left this state (not caught).
        public var failed: Bool { outcome == .failed || outcome == .timedOut }
        public var duration: TimeInterval? { exited.map { $0.timeIntervalSince(entered) } }
        public var hasChildren: Bool { !children.isEmpty }

        /// Iterations or branches by outcome, and the slowest one: the Map/Parallel row's summary.
        public var summary: GroupSummary? {
            guard kind.holdsGroups, !children.isEmpty || itemCount != nil else { return nil }
            let latest = children.map(\.attempt).max() ?? 1
            return GroupSummary(
                children.filter { $0.attempt == latest }, declared: itemCount,
                kind: kind == .map ? .iteration : .branch)
        }
    }

    /// One Map iteration or one Parallel branch: its own small timeline.
    public struct Group: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable { case iteration, branch }
        public var kind: Kind
        /// Map: the item's index. Parallel: the branch's position (from 0), in the order branches began.
        public var index: Int
        /// Which attempt of the parent state this belongs to (from 1).
        public var attempt: Int
        public var started: Date?
        public var ended: Date?
        public var outcome: StepOutcome
        public var steps: [Step]

        public var label: String { Self.label(kind, index: index, attempt: attempt) }

        /// "iteration 3", "branch 1", "iteration 0 (attempt 2)".
        static func label(_ kind: Kind, index: Int, attempt: Int) -> String {
            "\(kind.rawValue) \(index)" + (attempt > 1 ? " (attempt \(attempt))" : "")
        }
        public var duration: TimeInterval? { ended.flatMap { end in started.map { end.timeIntervalSince($0) } } }
        /// The step that failed this iteration or branch.
        public var failedStep: Step? { steps.last { $0.failed } }
    }

    /// A Map's iterations or a Parallel's branches of its latest attempt, counted.
    public struct GroupSummary: Sendable, Hashable {
        public var kind: Group.Kind
        public var total: Int
        public var succeeded: Int
        public var failed: Int
        public var aborted: Int
        public var running: Int
        public var slowest: Group?

        init(_ groups: [Group], declared: Int?, kind: Group.Kind) {
            self.kind = kind
            total = max(declared ?? 0, groups.count)
            succeeded = groups.count { $0.outcome == .succeeded }
            failed = groups.count { $0.outcome == .failed || $0.outcome == .timedOut }
            aborted = groups.count { $0.outcome == .aborted }
            running = groups.count { $0.outcome == .running }
            slowest = groups.filter { $0.duration != nil }.max { ($0.duration ?? 0) < ($1.duration ?? 0) }
        }

        /// A distributed Map's iterations are child executions: none in this history.
        public var isEmpty: Bool { total == 0 }

        /// "120 iterations · 2 failed · 1 aborted · slowest #17 1.2s"
        public func text(duration: (TimeInterval?) -> String) -> String {
            let noun = kind == .iteration ? "iteration" : "branch"
            var parts = ["\(total) \(noun)\(total == 1 ? "" : (kind == .iteration ? "s" : "es"))"]
            if failed > 0 { parts.append("\(failed) failed") }
            if aborted > 0 { parts.append("\(aborted) aborted") }
            if running > 0 { parts.append("\(running) running") }
            if let slowest, total > 1 { parts.append("slowest #\(slowest.index) \(duration(slowest.duration))") }
            return parts.joined(separator: " · ")
        }
    }

    /// A distributed Map's child workflow run (`MapRunStarted` … `MapRunSucceeded`/`Failed`/`Aborted`).
    public struct MapRun: Sendable, Hashable {
        public var arn: String
        public var outcome: StepOutcome
        public var error: String?
        public var cause: String?
        public var redrives: Int
    }

    /// What failed the execution: the chain of states down to the one that failed (through Map
    /// iterations and Parallel branches), and the error the execution ended with.
    public struct Failure: Sendable, Hashable {
        /// e.g. `["ProcessItems", "iteration 3", "ReserveStock"]`; empty when no state owns it.
        public var path: [String]
        public var error: String?
        public var cause: String?
        /// A failed JSONata or variable evaluation: the field of the failing state it was in.
        public var location: String?
        /// The top-level state, or nil when the execution failed outside any state.
        public var state: String? { path.first }
        /// The deepest state: the one that really failed.
        public var culprit: String? { path.last }
        public var pathText: String { path.joined(separator: " › ") }
    }

    public var steps: [Step]
    public var startedAt: Date?
    public var endedAt: Date?
    public var status: ExecutionStatus?
    public var failure: Failure?
    /// When the execution was redriven (`ExecutionRedriven`), oldest first: run n (from 1) began
    /// at `redriven[n - 1]`; the states it ran have `run == n`.
    public var redriven: [Date]
    /// Times the execution was redriven.
    public var redrives: Int { redriven.count }
    /// Event types no role is known for (kept so a view can say so rather than drop them).
    public var unknownEventTypes: [String]
    /// Events placed by inference: they named no earlier event (`previousEventId` missing, as
    /// MiniStack sends every event) and went to the newest open state that fits. Said, so a reader knows the
    /// attribution was inferred rather than followed.
    public var inferredEvents = 0

    public init(events: [ExecutionEvent]) {
        var builder = TimelineBuilder()
        for event in events.sorted(by: { $0.id < $1.id }) { builder.apply(event) }
        self = builder.timeline()
    }

    init(
        steps: [Step], startedAt: Date?, endedAt: Date?, status: ExecutionStatus?, failure: Failure?, redriven: [Date],
        unknownEventTypes: [String]
    ) {
        self.steps = steps
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.status = status
        self.failure = failure
        self.redriven = redriven
        self.unknownEventTypes = unknownEventTypes
    }

    /// Every step at every depth, depth first (a Map's iterations right after the Map).
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
