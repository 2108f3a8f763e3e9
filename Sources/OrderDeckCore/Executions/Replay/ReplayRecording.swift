import AWSClient
import AWSServices

/// An execution as it ran, read for a replay: its input, the definition it ran, and its history
/// (whose Task answers the replay gives back).
public struct ReplayRecording: Sendable {
    public var execution: Execution
    public var events: [ExecutionEvent]
    public var timeline: Timeline
    public var input: String
    public var definition: String
    /// Where the definition came from: the one it ran, or (Express: AWS keeps none per
    /// execution) the machine's current one — said, because they can differ.
    public var definitionSource: String

    public init(
        execution: Execution, events: [ExecutionEvent], input: String, definition: String, definitionSource: String
    ) {
        self.execution = execution
        self.events = events
        self.timeline = Timeline(events: events)
        self.input = input
        self.definition = definition
        self.definitionSource = definitionSource
    }

    /// What the recording cannot give a replay, one line each (a truncated input, an Express
    /// execution logged without its data).
    public var gaps: [String] {
        var gaps: [String] = []
        if execution.isTruncated {
            gaps.append("the history cut some inputs or outputs; those Tasks fail as truncated")
        }
        if execution.status == .running {
            gaps.append("the original is still RUNNING: the replay runs past where it has got to")
        }
        if execution.isPartial {
            gaps.append("the logs do not hold every event (log level below ALL, or not yet delivered)")
        }
        return gaps
    }
}

extension ExecutionStore {
    /// The recording of one execution: history (or, Express, the log records), input, and the
    /// definition it ran.
    public func recording(arn: String) async throws -> ReplayRecording {
        let (execution, events) = try await detail(arn: arn)
        let started = events.first { $0.type == "ExecutionStarted" }
        guard let input = started?.input ?? execution.input else {
            throw CoreError.notFound(
                "\(execution.name) has no recorded input (an Express machine must log at level ALL with execution data)"
            )
        }
        if execution.isExpress {
            guard let machine = try await session.machine(forExecution: arn) else {
                throw CoreError.notFound("no state machine for \(arn)")
            }
            let definition = try await session.stepFunctions.describeStateMachine(machine.arn).definition
            return ReplayRecording(
                execution: execution, events: events, input: input, definition: definition,
                definitionSource: "the machine's current definition (AWS keeps none per Express execution)")
        }
        let definition = try await session.stepFunctions.describeStateMachineForExecution(arn).definition
        return ReplayRecording(
            execution: execution, events: events, input: input, definition: definition,
            definitionSource: "the definition it ran")
    }
}
