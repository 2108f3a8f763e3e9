import AWSClient
import Foundation

/// Step Functions calls over the JSON 1.0 protocol.
public struct StepFunctionsClient: Sendable {
    public let client: AWSClient

    public init(client: AWSClient) { self.client = client }

    public func listStateMachines() -> PageSequence<[StepFunctions.StateMachineListItem]> {
        client.pages(.stepFunctions, "ListStateMachines", Token(), as: StepFunctions.ListStateMachinesOutput.self) {
            ($0.stateMachines, $0.nextToken)
        }
    }

    public func describeStateMachine(_ arn: String) async throws -> StepFunctions.DescribeStateMachineOutput {
        try await client.json(.stepFunctions, "DescribeStateMachine", ["stateMachineArn": arn])
    }

    public func listExecutions(
        stateMachineArn: String, statusFilter: String? = nil, pageSize: Int? = nil, redriveFilter: String? = nil
    ) -> PageSequence<[StepFunctions.ExecutionListItem]> {
        client.pages(
            .stepFunctions, "ListExecutions",
            StepFunctions.ListExecutionsInput(
                stateMachineArn: stateMachineArn, statusFilter: statusFilter, maxResults: pageSize,
                redriveFilter: redriveFilter),
            as: StepFunctions.ListExecutionsOutput.self
        ) { ($0.executions, $0.nextToken) }
    }

    public func describeExecution(_ arn: String) async throws -> StepFunctions.DescribeExecutionOutput {
        try await client.json(.stepFunctions, "DescribeExecution", ["executionArn": arn])
    }

    /// The definition an execution ran: its version's when it was started through one.
    public func describeStateMachineForExecution(_ executionArn: String) async throws
        -> StepFunctions.DescribeStateMachineForExecutionOutput
    {
        try await client.json(.stepFunctions, "DescribeStateMachineForExecution", ["executionArn": executionArn])
    }

    /// A distributed Map run's item and child-execution counts.
    public func describeMapRun(_ arn: String) async throws -> StepFunctions.DescribeMapRunOutput {
        try await client.json(.stepFunctions, "DescribeMapRun", ["mapRunArn": arn])
    }

    /// An execution's Map Runs (one per distributed Map state run), a page at a time.
    public func listMapRuns(executionArn: String) -> PageSequence<[StepFunctions.MapRunListItem]> {
        client.pages(
            .stepFunctions, "ListMapRuns", StepFunctions.ListMapRunsInput(executionArn: executionArn),
            as: StepFunctions.ListMapRunsOutput.self
        ) { ($0.mapRuns, $0.nextToken) }
    }

    /// A Map Run's child executions (ListExecutions by `mapRunArn`), newest first.
    public func listExecutions(
        mapRunArn: String, statusFilter: String? = nil, pageSize: Int? = nil
    ) -> PageSequence<[StepFunctions.ExecutionListItem]> {
        client.pages(
            .stepFunctions, "ListExecutions",
            StepFunctions.ListExecutionsInput(mapRunArn: mapRunArn, statusFilter: statusFilter, maxResults: pageSize),
            as: StepFunctions.ListExecutionsOutput.self
        ) { ($0.executions, $0.nextToken) }
    }

    public func getExecutionHistory(
        executionArn: String, reverseOrder: Bool = false, includeExecutionData: Bool = true, pageSize: Int? = nil
    ) -> PageSequence<[StepFunctions.HistoryEvent]> {
        client.pages(
            .stepFunctions, "GetExecutionHistory",
            StepFunctions.GetExecutionHistoryInput(
                executionArn: executionArn, maxResults: pageSize, reverseOrder: reverseOrder,
                includeExecutionData: includeExecutionData),
            as: StepFunctions.GetExecutionHistoryOutput.self
        ) { ($0.events, $0.nextToken) }
    }

    /// The whole history, every page.
    public func fullHistory(executionArn: String, includeExecutionData: Bool = true) async throws -> [StepFunctions
        .HistoryEvent]
    {
        try await getExecutionHistory(executionArn: executionArn, includeExecutionData: includeExecutionData).collect()
            .flatMap { $0 }
    }

    public func startExecution(_ input: StepFunctions.StartExecutionInput) async throws
        -> StepFunctions.StartExecutionOutput
    {
        try await client.json(.stepFunctions, "StartExecution", input)
    }

    public func stopExecution(_ input: StepFunctions.StopExecutionInput) async throws
        -> StepFunctions.StopExecutionOutput
    {
        try await client.json(.stepFunctions, "StopExecution", input)
    }

    /// Runs a FAILED, TIMED_OUT or ABORTED Standard execution again from where it stopped (same
    /// ARN). The client token makes a retried request the same redrive.
    public func redriveExecution(_ input: StepFunctions.RedriveExecutionInput) async throws
        -> StepFunctions.RedriveExecutionOutput
    {
        try await client.json(.stepFunctions, "RedriveExecution", input)
    }

    public func createStateMachine(_ input: StepFunctions.CreateStateMachineInput) async throws
        -> StepFunctions.CreateStateMachineOutput
    {
        try await client.json(.stepFunctions, "CreateStateMachine", input)
    }

    public func updateStateMachine(_ input: StepFunctions.UpdateStateMachineInput) async throws
        -> StepFunctions.UpdateStateMachineOutput
    {
        try await client.json(.stepFunctions, "UpdateStateMachine", input)
    }

    struct Token: Codable, Sendable {
        var nextToken: String?
    }
}
