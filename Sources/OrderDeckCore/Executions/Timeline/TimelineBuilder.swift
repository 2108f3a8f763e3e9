import AWSClient
import Foundation

/// Builds a `Timeline` from events in id order, attributing each event through its
/// `previousEventId` to the state it belongs to.
///
/// Each event leaves a context: the scope it happened in (the execution, one Map iteration, one
/// Parallel branch) and the state it belongs to. A state entered after `MapIterationStarted`
/// opens in that iteration; one entered after `ParallelStateStarted` opens a branch; everything
/// else follows its previous event. States are closed by every event AWS ends them with —
/// `…StateExited`, `MapStateFailed`, `ParallelStateSucceeded`, `TaskStateAborted`,
/// `MapIterationAborted`, `EvaluationFailed`, a Catch moving on, the execution's end — never left
/// "running" in a finished execution. Where a chain is broken (`previousEventId` 0 or unknown), the
/// newest open state that fits takes the event.
struct TimelineBuilder {
    private struct StepNode {
        var step: Timeline.Step
        var scope: Int
        var childScopes: [Int] = []
        /// The child state whose failure failed this one (Map/Parallel).
        var failedChild: Int?
    }

    private struct Scope {
        /// The Map or Parallel state this iteration or branch belongs to; nil for the execution.
        var parent: Int?
        var kind: Timeline.Group.Kind = .branch
        var index = 0
        var attempt = 1
        var started: Date?
        var ended: Date?
        var outcome: StepOutcome = .running
        var steps: [Int] = []
    }

    private struct Context {
        var scope: Int
        var step: Int?
        /// After `ParallelStateStarted`: the next state entered opens a new branch of this state.
        var opensBranchOf: Int?
    }

    private var nodes: [StepNode] = []
    private var scopes: [Scope] = [Scope()]
    private var contexts: [Int: Context] = [:]
    private var startedAt: Date?
    private var endedAt: Date?
    private var status: ExecutionStatus?
    private var executionError: (error: String?, cause: String?)?
    private var culprit: Int?
    private var redriven: [Date] = []
    private var unknown: [String] = []
    private var inferred = 0

    mutating func apply(_ event: ExecutionEvent) {
        let previous = contexts[event.previousEventId]
        guard let role = HistoryEventRole(type: event.type) else {
            if !unknown.contains(event.type) { unknown.append(event.type) }
            contexts[event.id] = previous ?? Context(scope: 0)
            return
        }
        if previous == nil, !contexts.isEmpty, Self.followsItsPrevious(role) { inferred += 1 }
        var context = previous ?? Context(scope: 0)
        context.opensBranchOf = nil
        switch role {
        case .executionStarted:
            startedAt = event.timestamp
            context = Context(scope: 0)
        case .executionRedriven:
            redriven.append(event.timestamp)
            status = .running
            endedAt = nil
            context = Context(scope: 0)
        case .executionEnded(let final):
            endExecution(final, event, previous)
            context = Context(scope: 0)
        case .stateEntered(let kind):
            context = enter(kind, event, previous)
        case .stateExited(let kind):
            guard let step = owner(kind: kind, name: event.stateName, from: previous) else { break }
            nodes[step].step.exited = event.timestamp
            nodes[step].step.output = event.output ?? nodes[step].step.output
            if let assigned = AssignedVariables(exitDetails: event.details) { nodes[step].step.assigned = assigned }
            if nodes[step].step.outcome == .running {
                nodes[step].step.outcome = nodes[step].step.error == nil ? .succeeded : .caught
            }
            context = Context(scope: nodes[step].scope, step: step)
        case .stateAborted(let kind):
            guard let step = owner(kind: kind, name: event.stateName, from: previous) else { break }
            close(step, .aborted, at: event.timestamp)
            abortInside(step, at: event.timestamp)
            context = Context(scope: nodes[step].scope, step: step)
        case .attemptStarted(let kind):
            guard let step = owner(kind: kind, name: nil, from: previous) else { break }
            nodes[step].step.attempts += 1
            if nodes[step].step.attempts > 1 {
                nodes[step].step.exited = nil
                nodes[step].step.outcome = .running
            }
            if let length = event.details["length"]?.integerValue { nodes[step].step.itemCount = length }
            context = Context(scope: nodes[step].scope, step: step, opensBranchOf: kind == .parallel ? step : nil)
        case .attemptSucceeded(let kind):
            guard let step = owner(kind: kind, name: nil, from: previous) else { break }
            close(step, .succeeded, at: event.timestamp)
            context = Context(scope: nodes[step].scope, step: step)
        case .attemptFailed(let kind):
            guard let step = owner(kind: kind, name: nil, from: previous) else { break }
            failContainer(step, at: event.timestamp, previous: previous)
            context = Context(scope: nodes[step].scope, step: step)
        case .task(let phase):
            guard let step = owner(kind: .task, name: nil, from: previous) else { break }
            task(phase, step, event)
            context = Context(scope: nodes[step].scope, step: step)
        case .iterationStarted:
            guard let step = owner(kind: .map, name: event.stateName, from: previous) else { break }
            var scope = Scope(parent: step, kind: .iteration, attempt: max(1, nodes[step].step.attempts))
            scope.index = event.details["index"]?.integerValue ?? nodes[step].childScopes.count
            scope.started = event.timestamp
            scopes.append(scope)
            nodes[step].childScopes.append(scopes.count - 1)
            context = Context(scope: scopes.count - 1, step: step)
        case .iterationEnded(let outcome):
            guard let step = owner(kind: .map, name: event.stateName, from: previous) else { break }
            let index = event.details["index"]?.integerValue
            if let scope = nodes[step].childScopes.last(where: { scopes[$0].index == index || index == nil }) {
                endScope(scope, outcome, at: event.timestamp, previous: previous)
            }
            context = Context(scope: nodes[step].scope, step: step)
        case .mapRunStarted, .mapRunEnded, .mapRunRedriven:
            guard let step = owner(kind: .map, name: nil, from: previous) else { break }
            mapRun(role, step, event)
            context = Context(scope: nodes[step].scope, step: step)
        case .evaluationFailed:
            let name = event.details["state"]?.stringValue ?? event.stateName
            guard let step = owner(kind: nil, name: name, from: previous) else { break }
            nodes[step].step.error = event.error
            nodes[step].step.cause = event.cause
            nodes[step].step.errorLocation = event.details["location"]?.stringValue
            close(step, .failed, at: event.timestamp)
            context = Context(scope: nodes[step].scope, step: step)
        }
        contexts[event.id] = context
    }

    // MARK: - States

    private mutating func enter(_ kind: StateKind, _ event: ExecutionEvent, _ previous: Context?) -> Context {
        var scope = previous?.scope ?? 0
        if let parallel = previous?.opensBranchOf {
            let attempt = max(1, nodes[parallel].step.attempts)
            let index = nodes[parallel].childScopes.count { scopes[$0].attempt == attempt }
            scopes.append(
                Scope(parent: parallel, kind: .branch, index: index, attempt: attempt, started: event.timestamp))
            scope = scopes.count - 1
            nodes[parallel].childScopes.append(scope)
        } else if let left = previous?.step, nodes[left].scope == scope {
            // Left without an exit event: a Catch moved on from its failure (or a chain we only see part of).
            let step = nodes[left].step
            if step.outcome == .running {
                close(left, step.error == nil ? .succeeded : .caught, at: event.timestamp)
            } else if step.failed, step.kind != .fail {
                nodes[left].step.outcome = .caught
            }
        }
        var step = Timeline.Step(
            name: event.stateName ?? "?", kind: kind, enteredEventId: event.id, entered: event.timestamp,
            input: event.input, attempts: 0, outcome: .running, children: [])
        step.run = redriven.count
        if kind == .fail {
            step.exited = event.timestamp
            step.outcome = .failed
        }
        nodes.append(StepNode(step: step, scope: scope))
        scopes[scope].steps.append(nodes.count - 1)
        return Context(scope: scope, step: nodes.count - 1)
    }

    private mutating func task(_ phase: HistoryEventRole.TaskPhase, _ step: Int, _ event: ExecutionEvent) {
        switch phase {
        case .scheduled:
            nodes[step].step.attempts += 1
            if let resource = event.details["resource"]?.stringValue {
                let type = event.details["resourceType"]?.stringValue
                nodes[step].step.resource = [type, resource].compactMap { $0 }.joined(separator: ":")
                nodes[step].step.function = Self.function(resource: resource, type: type, event: event)
            }
        case .started, .submitted: break
        case .succeeded:
            nodes[step].step.error = nil
            nodes[step].step.cause = nil
            nodes[step].step.errorLocation = nil
            let truncated = event.details["outputDetails"]?["truncated"] == .bool(true)
            nodes[step].step.answers.append(.returned(event.output ?? "null", truncated: truncated))
        case .failed, .timedOut:
            nodes[step].step.error = event.error ?? (phase == .timedOut ? "States.Timeout" : nil)
            nodes[step].step.cause = event.cause
            let error = nodes[step].step.error ?? "States.TaskFailed"
            nodes[step].step.answers.append(.threw(error: error, cause: event.cause ?? ""))
        }
    }

    private mutating func mapRun(_ role: HistoryEventRole, _ step: Int, _ event: ExecutionEvent) {
        switch role {
        case .mapRunStarted:
            let arn = event.details["mapRunArn"]?.stringValue ?? ""
            nodes[step].step.mapRun = Timeline.MapRun(arn: arn, outcome: .running, redrives: 0)
        case .mapRunEnded(let outcome):
            nodes[step].step.mapRun?.outcome = outcome
            nodes[step].step.mapRun?.error = event.error
            nodes[step].step.mapRun?.cause = event.cause
            if outcome == .failed, nodes[step].step.error == nil {
                nodes[step].step.error = event.error
                nodes[step].step.cause = event.cause
            }
        default:
            nodes[step].step.mapRun?.outcome = .running
            nodes[step].step.mapRun?.redrives += 1
        }
    }

    /// A Map or Parallel attempt failed: through the chain, which child failed it; siblings still
    /// running were stopped with it.
    private mutating func failContainer(_ step: Int, at time: Date, previous: Context?) {
        if let child = previous?.step, child != step, isInside(child, step) {
            nodes[step].failedChild = child
            if nodes[child].step.outcome == .running { close(child, .failed, at: time) }
        } else if let child = descendants(of: step).last(where: { nodes[$0].step.failed }) {
            nodes[step].failedChild = child
        }
        if let child = nodes[step].failedChild, nodes[step].step.error == nil {
            nodes[step].step.error = nodes[child].step.error
            nodes[step].step.cause = nodes[child].step.cause
        }
        close(step, .failed, at: time)
        abortInside(step, at: time)
    }

    private mutating func endScope(_ scope: Int, _ outcome: StepOutcome, at time: Date, previous: Context?) {
        scopes[scope].ended = time
        scopes[scope].outcome = outcome
        for step in scopes[scope].steps where nodes[step].step.outcome == .running {
            let failedHere = outcome == .failed && previous?.step == step
            close(step, failedHere ? .failed : (outcome == .succeeded ? .succeeded : .aborted), at: time)
            abortInside(step, at: time)
        }
    }

    private mutating func close(_ step: Int, _ outcome: StepOutcome, at time: Date) {
        if nodes[step].step.exited == nil || nodes[step].step.outcome == .running { nodes[step].step.exited = time }
        nodes[step].step.outcome = outcome
    }

    private mutating func abortInside(_ step: Int, at time: Date) {
        for child in descendants(of: step) where nodes[child].step.outcome == .running {
            close(child, .aborted, at: time)
        }
        for scope in nodes[step].childScopes where scopes[scope].outcome == .running && scopes[scope].kind == .iteration
        {
            scopes[scope].outcome = .aborted
            scopes[scope].ended = time
        }
    }

    // MARK: - The execution's end

    private mutating func endExecution(_ final: ExecutionStatus, _ event: ExecutionEvent, _ previous: Context?) {
        endedAt = event.timestamp
        status = final
        if event.error != nil || event.cause != nil { executionError = (event.error, event.cause) }
        if final == .failed || final == .timedOut {
            // The chain names the state that failed it; with a broken chain, the newest open state.
            let candidate =
                previous?.step
                ?? nodes.indices.last { nodes[$0].step.outcome == .running }
                ?? nodes.indices.last { nodes[$0].step.failed }
            if let candidate {
                culprit = candidate
                if nodes[candidate].step.outcome == .running || nodes[candidate].step.outcome == .caught {
                    close(candidate, final == .timedOut ? .timedOut : .failed, at: event.timestamp)
                }
                if nodes[candidate].step.error == nil {
                    nodes[candidate].step.error = event.error
                    nodes[candidate].step.cause = event.cause
                }
                // Down the children that failed it: a Fail state's error is only in the execution's end.
                var inner = candidate
                while let child = nodes[inner].failedChild {
                    inner = child
                    if nodes[inner].step.error == nil {
                        nodes[inner].step.error = event.error
                        nodes[inner].step.cause = event.cause
                    }
                }
                // Its Map/Parallel ancestors failed with it.
                var child = candidate
                while let parent = scopes[nodes[child].scope].parent {
                    if !nodes[parent].step.failed {
                        close(parent, .failed, at: event.timestamp)
                        nodes[parent].failedChild = child
                    }
                    child = parent
                }
            }
        }
        let leftover: StepOutcome = final == .succeeded ? .succeeded : .aborted
        for step in nodes.indices where nodes[step].step.outcome == .running {
            close(step, leftover, at: event.timestamp)
        }
        for scope in scopes.indices.dropFirst()
        where scopes[scope].outcome == .running && scopes[scope].kind == .iteration {
            scopes[scope].outcome = leftover
            scopes[scope].ended = event.timestamp
        }
    }

    // MARK: - Attribution

    /// The state an event belongs to: the previous event's state if it is of that kind (and name),
    /// else the nearest enclosing Map/Parallel that is; with a broken chain, the newest that fits.
    private func owner(kind: StateKind?, name: String?, from context: Context?) -> Int? {
        func fits(_ step: Int) -> Bool {
            (kind == nil || nodes[step].step.kind == kind) && (name == nil || nodes[step].step.name == name)
        }
        if let context {
            if let step = context.step, fits(step) { return step }
            var scope = context.scope
            while let parent = scopes[scope].parent {
                if fits(parent) { return parent }
                scope = nodes[parent].scope
            }
        }
        return nodes.indices.last { fits($0) && nodes[$0].step.outcome == .running } ?? nodes.indices.last(where: fits)
    }

    private func isInside(_ step: Int, _ ancestor: Int) -> Bool {
        var scope = nodes[step].scope
        while let parent = scopes[scope].parent {
            if parent == ancestor { return true }
            scope = nodes[parent].scope
        }
        return false
    }

    private func descendants(of step: Int) -> [Int] {
        nodes[step].childScopes.flatMap { scope in scopes[scope].steps.flatMap { [$0] + descendants(of: $0) } }
    }

    /// Whether an event is placed by the event it names. AWS names none for the first state
    /// entered, an execution's end or an evaluation failure (placed by scope or by name); every
    /// other event without one is placed by inference.
    static func followsItsPrevious(_ role: HistoryEventRole) -> Bool {
        switch role {
        case .executionStarted, .executionRedriven, .executionEnded, .stateEntered, .evaluationFailed: false
        default: true
        }
    }

    /// The Lambda function a scheduled task invokes: a function ARN resource, or `lambda:invoke`
    /// with the `FunctionName` it was scheduled with.
    static func function(resource: String, type: String?, event: ExecutionEvent) -> String? {
        if resource.contains(":function:") { return RelatedLogGroups.functionName(resource) }
        guard type == "lambda", resource.hasPrefix("invoke"),
            let parameters = event.details["parameters"]?.stringValue.flatMap({ try? JSONValue.parse($0) }),
            let name = parameters["FunctionName"]?.stringValue
        else { return nil }
        return RelatedLogGroups.functionName(name)
    }

    // MARK: - Result

    func timeline() -> Timeline {
        var timeline = Timeline(
            steps: scopes[0].steps.map(tree), startedAt: startedAt, endedAt: endedAt, status: status,
            failure: failure(), redriven: redriven, unknownEventTypes: unknown)
        timeline.inferredEvents = inferred
        return timeline
    }

    private func tree(_ index: Int) -> Timeline.Step {
        var step = nodes[index].step
        step.children = nodes[index].childScopes.map(group)
            .sorted { ($0.attempt, $0.index) < ($1.attempt, $1.index) }
        return step
    }

    private func group(_ index: Int) -> Timeline.Group {
        let scope = scopes[index]
        let steps = scope.steps.map(tree)
        var outcome = scope.outcome
        var ended = scope.ended
        if scope.kind == .branch {
            // Branches have no events of their own: they end as their last state did.
            ended = steps.compactMap(\.exited).max()
            if steps.contains(where: { $0.outcome == .running }) {
                outcome = .running
            } else if let last = steps.last {
                outcome = steps.contains { $0.failed } ? .failed : (last.outcome == .aborted ? .aborted : .succeeded)
            }
        }
        return Timeline.Group(
            kind: scope.kind, index: scope.index, attempt: scope.attempt,
            started: scope.started ?? steps.first?.entered,
            ended: ended, outcome: outcome, steps: steps)
    }

    private func failure() -> Timeline.Failure? {
        // Aborted is not a failure (someone stopped it); a history cut before its end has none yet.
        guard status == .failed || status == .timedOut else { return nil }
        var path: [String] = []
        var deepest: Timeline.Step?
        if var step = culprit {
            // Down through the children that failed it, then up to the execution.
            while let child = nodes[step].failedChild { step = child }
            deepest = nodes[step].step
            path = [nodes[step].step.name]
            var scope = nodes[step].scope
            while let parent = scopes[scope].parent {
                let label = Timeline.Group.label(
                    scopes[scope].kind, index: scopes[scope].index, attempt: scopes[scope].attempt)
                path = [nodes[parent].step.name, label] + path
                scope = nodes[parent].scope
            }
        }
        return Timeline.Failure(
            path: path, error: executionError?.error ?? deepest?.error, cause: executionError?.cause ?? deepest?.cause,
            location: deepest?.errorLocation)
    }
}

extension JSONValue {
    /// A whole number (an iteration's index, a Map's length); numbers arrive as their text.
    fileprivate var integerValue: Int? {
        switch self {
        case .number(let text): return Int(text)
        case .string(let text): return Int(text)
        default: return nil
        }
    }
}
