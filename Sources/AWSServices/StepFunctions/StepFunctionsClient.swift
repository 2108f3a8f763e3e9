import AWSClient
import Foundation

/// Step Functions calls over the JSON 1.0 protocol.
public struct StepFunctionsClient: Sendable {
    public let client: AWSClient

    public init(client: AWSClient) { self.client = client }

    public func listStateMachines() -> PageSequence<[StepFunctions.StateMachineListItem]> {
        let client = self.client
        return PageSequence { token in
            let output: StepFunctions.ListStateMachinesOutput = try await client.json(
                .stepFunctions, "ListStateMachines", Token(nextToken: token))
            return (output.stateMachines, output.nextToken)
        }
    }

    public func describeStateMachine(_ arn: String) async throws -> StepFunctions.DescribeStateMachineOutput {
        try await client.json(.stepFunctions, "DescribeStateMachine", ["stateMachineArn": arn])
    }

    public func listExecutions(
        stateMachineArn: String, statusFilter: String? = nil, pageSize: Int? = nil
    ) -> PageSequence<[StepFunctions.ExecutionListItem]> {
        let client = self.client
        return PageSequence { token in
            let output: StepFunctions.ListExecutionsOutput = try await client.json(
                .stepFunctions, "ListExecutions",
                StepFunctions.ListExecutionsInput(
                    stateMachineArn: stateMachineArn, statusFilter: statusFilter, maxResults: pageSize, nextToken: token
                ))
            return (output.executions, output.nextToken)
        }
    }

    public func describeExecution(_ arn: String) async throws -> StepFunctions.DescribeExecutionOutput {
        try await client.json(.stepFunctions, "DescribeExecution", ["executionArn": arn])
    }

    /// A distributed Map run's item and child-execution counts.
    public func describeMapRun(_ arn: String) async throws -> StepFunctions.DescribeMapRunOutput {
        try await client.json(.stepFunctions, "DescribeMapRun", ["mapRunArn": arn])
    }

    public func getExecutionHistory(
        executionArn: String, reverseOrder: Bool = false, includeExecutionData: Bool = true, pageSize: Int? = nil
    ) -> PageSequence<[StepFunctions.HistoryEvent]> {
        let client = self.client
        return PageSequence { token in
            let output: StepFunctions.GetExecutionHistoryOutput = try await client.json(
                .stepFunctions, "GetExecutionHistory",
                StepFunctions.GetExecutionHistoryInput(
                    executionArn: executionArn, maxResults: pageSize, reverseOrder: reverseOrder, nextToken: token,
                    includeExecutionData: includeExecutionData))
            return (output.events, output.nextToken)
        }
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

    struct Token: Codable {
        var nextToken: String?
    }
}
