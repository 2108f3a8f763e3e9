import AWSClient
import AWSServices

/// Stops a RUNNING Standard execution (StopExecution) with the error and cause the operator gave,
/// after the checks that make the request mean what it says: not on a read-only stack, not an
/// Express execution (StopExecution does not take them), not one that already ended.
public struct ExecutionStopper: Sendable {
    public let session: StackSession

    public init(session: StackSession) { self.session = session }

    /// Reads after StopExecution, 200 ms apart, until the execution has left RUNNING.
    static let settleReads = 25

    /// Why StopExecution would not stop this execution (with its status, when known), or nil:
    /// the one wording for the CLI and the dashboard.
    public static func refusal(_ arn: ExecutionARN, status: ExecutionStatus?) -> String? {
        if arn.isExpress { return "\(arn.name) is an Express execution: StopExecution cannot stop those" }
        if let status, status != .running { return "\(arn.name) is \(status): only a RUNNING execution can be stopped" }
        return nil
    }

    /// The execution as it is after the stop (ABORTED), read back.
    public func stop(_ arn: ExecutionARN, error: String?, cause: String?) async throws -> Execution {
        if session.config.readOnly { throw CoreError.readOnly("stopping executions") }
        if let refusal = Self.refusal(arn, status: nil) { throw CoreError.invalidInput(refusal) }
        let before = try await session.stepFunctions.describeExecution(arn.rawValue)
        if let refusal = Self.refusal(arn, status: ExecutionStatus(rawValue: before.status)) {
            throw CoreError.invalidInput(refusal)
        }
        _ = try await session.stepFunctions.stopExecution(
            .init(
                executionArn: arn.rawValue, error: error.flatMap { $0.isEmpty ? nil : $0 },
                cause: cause.flatMap { $0.isEmpty ? nil : $0 }))
        // StopExecution answers before the execution has stopped everywhere (moto stops it on
        // its worker thread; a read right after can still say RUNNING): read until it has left
        // RUNNING, a few seconds at most, so the operator is told the outcome, not the moment before.
        var after = try await session.stepFunctions.describeExecution(arn.rawValue)
        for _ in 0..<Self.settleReads where ExecutionStatus(rawValue: after.status) == .running {
            try await session.client.sleep(.milliseconds(200))
            after = try await session.stepFunctions.describeExecution(arn.rawValue)
        }
        return Execution(described: after, machineName: arn.machineName ?? "")
    }
}
