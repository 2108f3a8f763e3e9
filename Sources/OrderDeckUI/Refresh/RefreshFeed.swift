import OrderDeckCore

/// One kind of periodic (or one-off) background load the refresher owns.
public enum RefreshFeed: Hashable, Sendable {
    case machines
    case orders
    case executions(machine: String)
    case logs
    /// The watched execution (detail and submit-and-watch), while it runs.
    case execution
    /// The Map Run on screen, while it runs.
    case mapRun
    case submissions
    case submit
    case lookup
    /// Older orders than the window holds, paged in as the operator scrolls past the end.
    case olderOrders
    /// StopExecution asked for from the dashboard.
    case stop
    /// Orders read again by key because log records said their executions moved.
    case orderRereads
    /// The table's stream (DynamoDB Streams): orders written are shown at once.
    case orderStream
    /// RedriveExecution asked for from the dashboard.
    case redrive
    /// CloudWatch's AWS/States metrics for the Overview.
    case metrics
    /// Two executions' histories for the Diff screen.
    case diff
    /// A replay on the local engine (the Diff screen shows it).
    case replay
    /// A Lambda function's own log lines for one Task state.
    case functionLogs
}
