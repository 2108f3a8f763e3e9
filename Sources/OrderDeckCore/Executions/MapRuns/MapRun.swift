import AWSServices
import Foundation

/// A distributed Map state's run as DescribeMapRun tells it: where its items and its child
/// executions are, and the settings it runs under (how many failures it tolerates, how many
/// children at once). The parent's history holds none of this: the items run as child executions.
/// https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeMapRun.html
public struct MapRun: Sendable, Hashable {
    /// Items (or child executions): how many are where. Both sets have the same members.
    public struct Counts: Sendable, Hashable {
        public var total: Int
        public var succeeded: Int
        public var failed: Int
        public var running: Int
        public var pending: Int
        public var timedOut: Int
        public var aborted: Int
        public var resultsWritten: Int
        /// Failed ones a redrive will not run again (nil: the service did not say).
        public var failuresNotRedrivable: Int?
        /// Ones waiting to be run again by a redrive.
        public var pendingRedrive: Int?

        public init(
            total: Int, succeeded: Int, failed: Int, running: Int = 0, pending: Int = 0, timedOut: Int = 0,
            aborted: Int = 0, resultsWritten: Int = 0, failuresNotRedrivable: Int? = nil, pendingRedrive: Int? = nil
        ) {
            self.total = total
            self.succeeded = succeeded
            self.failed = failed
            self.running = running
            self.pending = pending
            self.timedOut = timedOut
            self.aborted = aborted
            self.resultsWritten = resultsWritten
            self.failuresNotRedrivable = failuresNotRedrivable
            self.pendingRedrive = pendingRedrive
        }

        public init(_ counts: StepFunctions.DescribeMapRunOutput.Counts) {
            self.init(
                total: counts.total, succeeded: counts.succeeded, failed: counts.failed, running: counts.running,
                pending: counts.pending, timedOut: counts.timedOut, aborted: counts.aborted,
                resultsWritten: counts.resultsWritten ?? 0, failuresNotRedrivable: counts.failuresNotRedrivable,
                pendingRedrive: counts.pendingRedrive)
        }

        /// "3 total · 2 succeeded · 1 failed · 0 running · 0 pending": the five an operator always
        /// reads, then whatever else is not zero.
        public var text: String {
            var parts = [
                "\(total) total", "\(succeeded) succeeded", "\(failed) failed", "\(running) running",
                "\(pending) pending",
            ]
            for (count, word) in [
                (timedOut, "timed out"), (aborted, "aborted"), (failuresNotRedrivable ?? 0, "not redrivable"),
                (pendingRedrive ?? 0, "pending redrive"),
            ]
            where count > 0 {
                parts.append("\(count) \(word)")
            }
            return parts.joined(separator: " · ")
        }
    }

    public var arn: String
    /// The parent execution, whose distributed Map state started this run.
    public var executionArn: ExecutionARN
    /// RUNNING, SUCCEEDED, FAILED or ABORTED (MapRunStatus: a subset of the execution statuses).
    public var status: ExecutionStatus
    public var startDate: Date?
    public var stopDate: Date?
    /// Child executions at once; 0 is no limit of its own (Step Functions runs up to 10,000).
    public var maxConcurrency: Int
    /// The run fails once more items than either of these failed.
    public var toleratedFailureCount: Int
    public var toleratedFailurePercentage: Double
    public var itemCounts: Counts
    public var executionCounts: Counts
    public var redriveCount: Int
    public var redriveDate: Date?

    public init(
        arn: String, executionArn: ExecutionARN, status: ExecutionStatus, startDate: Date?, stopDate: Date?,
        maxConcurrency: Int, toleratedFailureCount: Int, toleratedFailurePercentage: Double, itemCounts: Counts,
        executionCounts: Counts, redriveCount: Int = 0, redriveDate: Date? = nil
    ) {
        self.arn = arn
        self.executionArn = executionArn
        self.status = status
        self.startDate = startDate
        self.stopDate = stopDate
        self.maxConcurrency = maxConcurrency
        self.toleratedFailureCount = toleratedFailureCount
        self.toleratedFailurePercentage = toleratedFailurePercentage
        self.itemCounts = itemCounts
        self.executionCounts = executionCounts
        self.redriveCount = redriveCount
        self.redriveDate = redriveDate
    }

    public init(_ described: StepFunctions.DescribeMapRunOutput) {
        let items = Counts(described.itemCounts)
        self.init(
            arn: described.mapRunArn, executionArn: ExecutionARN(described.executionArn),
            status: ExecutionStatus(rawValue: described.status), startDate: described.startDate,
            stopDate: described.stopDate, maxConcurrency: described.maxConcurrency ?? 0,
            toleratedFailureCount: described.toleratedFailureCount ?? 0,
            toleratedFailurePercentage: described.toleratedFailurePercentage ?? 0, itemCounts: items,
            executionCounts: described.executionCounts.map(Counts.init) ?? items,
            redriveCount: described.redriveCount ?? 0, redriveDate: described.redriveDate)
    }

    /// `…:mapRun:MACHINE/LABEL:RUN-ID` → `LABEL:RUN-ID` (the Map state's label, or a generated one).
    public var name: String { Self.name(fromArn: arn) }

    public static func name(fromArn arn: String) -> String {
        guard let range = arn.range(of: ":mapRun:") else { return arn }
        let rest = arn[range.upperBound...]
        return String(rest.split(separator: "/", maxSplits: 1).last ?? rest)
    }

    /// Whether `text` is a Map Run ARN (`arn:PARTITION:states:REGION:ACCOUNT:mapRun:…`).
    public static func isArn(_ text: String) -> Bool {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count >= 8 && parts[0] == "arn" && parts[2] == "states" && parts[5] == "mapRun"
    }

    public func elapsed(now: Date) -> TimeInterval? {
        guard let startDate else { return nil }
        return (stopDate ?? now).timeIntervalSince(startDate)
    }

    /// "tolerates up to 5 failed items or 10%" — what it tolerates, as the Map state's
    /// ToleratedFailureCount and ToleratedFailurePercentage set it.
    public var toleranceText: String {
        var limits: [String] = []
        if toleratedFailureCount > 0 {
            limits.append("\(toleratedFailureCount) failed item\(toleratedFailureCount == 1 ? "" : "s")")
        }
        if toleratedFailurePercentage > 0 { limits.append(Self.percent(toleratedFailurePercentage)) }
        return limits.isEmpty ? "no failure tolerated" : "tolerates up to \(limits.joined(separator: " or "))"
    }

    /// "max concurrency 2", or no limit of its own.
    public var concurrencyText: String {
        maxConcurrency > 0 ? "max concurrency \(maxConcurrency)" : "no concurrency limit (up to 10,000)"
    }

    static func percent(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value))%" : String(format: "%.1f%%", value)
    }
}
