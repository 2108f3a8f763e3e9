import AWSServices
import Foundation

/// An execution as OrderDeck shows it, from ListExecutions/DescribeExecution (Standard) or rebuilt
/// from vended logs (Express).
public struct Execution: Sendable, Hashable, Identifiable {
    public enum Source: String, Sendable, Hashable, Codable {
        /// ListExecutions / DescribeExecution.
        case api
        /// Rebuilt from the vended log group.
        case logs
    }

    public var arn: ExecutionARN
    public var name: String
    public var machineName: String
    /// RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED, PENDING_REDRIVE; UNKNOWN when logs stop
    /// without a terminal event and too long ago to be still running.
    public var status: ExecutionStatus
    public var startDate: Date?
    public var stopDate: Date?
    public var input: String?
    public var output: String?
    public var error: String?
    public var cause: String?
    public var source: Source
    /// Logs lack events (gaps in ids, no ExecutionStarted): the record is incomplete.
    public var isPartial: Bool
    /// Some payload was cut by Step Functions (over 256 KB).
    public var isTruncated: Bool
    /// Its distributed Maps' runs by Map Run ARN (DescribeMapRun), when read.
    public var mapRuns: [String: MapRunCounts] = [:]
    /// The published version of its machine it ran, when started through a version or an alias.
    public var version: StateMachineVersionARN?
    /// The alias it was started through (which chose `version`).
    public var alias: StateMachineAliasARN?
    /// The query language of the definition it ran, when read (the dashboard reads it).
    public var queryLanguages: MachineQueryLanguages?
    /// How often it was redriven, when last, and whether it can be again.
    public var redrive = ExecutionRedrive()

    public var id: ExecutionARN { arn }
    public var isExpress: Bool { arn.isExpress }

    public init(
        arn: ExecutionARN, name: String, machineName: String, status: ExecutionStatus, startDate: Date?,
        stopDate: Date?,
        input: String? = nil,
        output: String? = nil, error: String? = nil, cause: String? = nil, source: Source, isPartial: Bool = false,
        isTruncated: Bool = false
    ) {
        self.arn = arn
        self.name = name
        self.machineName = machineName
        self.status = status
        self.startDate = startDate
        self.stopDate = stopDate
        self.input = input
        self.output = output
        // No error is no error: an empty one (moto writes "") reads as none, as ListExecutions says.
        self.error = error?.isEmpty == true ? nil : error
        self.cause = cause?.isEmpty == true ? nil : cause
        self.source = source
        self.isPartial = isPartial
        self.isTruncated = isTruncated
    }

    public init(listItem: StepFunctions.ExecutionListItem, machineName: String) {
        self.init(
            arn: ExecutionARN(listItem.executionArn), name: listItem.name, machineName: machineName,
            status: ExecutionStatus(rawValue: listItem.status),
            startDate: listItem.startDate, stopDate: listItem.stopDate, source: .api)
        setRevision(version: listItem.stateMachineVersionArn, alias: listItem.stateMachineAliasArn)
        redrive = ExecutionRedrive(listItem)
    }

    public init(described: StepFunctions.DescribeExecutionOutput, machineName: String) {
        self.init(
            arn: ExecutionARN(described.executionArn),
            name: described.name ?? Self.name(fromArn: described.executionArn),
            machineName: machineName,
            status: ExecutionStatus(rawValue: described.status), startDate: described.startDate,
            stopDate: described.stopDate,
            input: described.input,
            output: described.output, error: described.error, cause: described.cause, source: .api)
        setRevision(version: described.stateMachineVersionArn, alias: described.stateMachineAliasArn)
        redrive = ExecutionRedrive(described)
    }

    /// `arn:aws:states:r:a:execution:Machine:name` (or `:express:Machine:name:uuid`) → name.
    public static func name(fromArn arn: String) -> String { ExecutionARN(arn).name }

    /// The machine name inside an execution ARN.
    public static func machineName(fromArn arn: String) -> String? { ExecutionARN(arn).machineName }

    public func elapsed(now: Date) -> TimeInterval? {
        guard let startDate else { return nil }
        return (stopDate ?? now).timeIntervalSince(startDate)
    }
}
