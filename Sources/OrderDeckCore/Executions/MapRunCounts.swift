import AWSServices

/// Where a distributed Map run's items are (DescribeMapRun): the part of a Map Run the
/// execution's own history does not hold, since its iterations run as child executions.
public struct MapRunCounts: Sendable, Hashable {
    public var status: String
    public var total: Int
    public var succeeded: Int
    public var failed: Int
    public var timedOut: Int
    public var aborted: Int
    public var running: Int
    public var pending: Int

    public init(_ described: StepFunctions.DescribeMapRunOutput) {
        let items = described.itemCounts
        status = described.status
        total = items.total
        succeeded = items.succeeded
        failed = items.failed
        timedOut = items.timedOut
        aborted = items.aborted
        running = items.running
        pending = items.pending
    }

    /// "SUCCEEDED · 5 items · 4 succeeded · 1 failed"
    public var text: String {
        var parts = [status, "\(total) item\(total == 1 ? "" : "s")", "\(succeeded) succeeded"]
        for (count, word) in [
            (failed, "failed"), (timedOut, "timed out"), (aborted, "aborted"), (running, "running"),
            (pending, "pending"),
        ]
        where count > 0 {
            parts.append("\(count) \(word)")
        }
        return parts.joined(separator: " · ")
    }
}
