import OrderDeckCore

/// What background work reports to the dashboard.
public enum DashboardUpdate: Sendable {
    case machines([MachineInfo])
    /// Orders with their sort and search keys built off the terminal thread.
    case orders(OrderIndex, loading: Bool)
    case executions(machine: String, [Execution])
    case execution(Execution, [ExecutionEvent])
    /// A Map Run and its children, or why it could not be read.
    case mapRun(MapRunDetail)
    case mapRunFailed(String, String)
    case logs([TailedEvent])
    /// The log lines are now followed this way (Live Tail or polling, and why).
    case logsMode(LogFollowMode)
    /// Orders are now followed this way (the table's stream, or timed reads and why).
    case ordersFeed(OrderFeedMode)
    case submitted(Submission, resent: Bool)
    case submitFailed(String)
    case submissions([Submission])
    /// The result of looking up an order by key (`o` on an execution that is not loaded).
    case orderLookup(OrderID, Order?, problem: String?)
    case health(RefreshHealth)
    /// A one-off fact worth a transient note (clock skew corrected).
    case notice(String)
    /// The execution after StopExecution, or why it was not stopped.
    case stopped(Execution)
    case stopFailed(ExecutionARN, String)
    /// One execution of a redrive request: redriven (as the redriver says), or why not.
    case redriven(ExecutionRedriver.Redriven)
    case redriveFailed(ExecutionARN, String)
    /// A request for several ended: how many of how many were redriven.
    case redriveFinished(redriven: Int, of: Int)
    /// CloudWatch's AWS/States metrics of the last hour (nil: none here).
    case metrics(StatesMetrics?)
    /// The Overview's figures, worked out off the terminal thread from what was loaded.
    case overviewFigures(OverviewFigures)
    /// The stack's address changed under the dashboard (a local stack started again on new
    /// ports): it reopens on the stack as it is now. The text says what moved.
    case stackMoved(String)
    /// The rows a regular-expression filter leaves, worked out off the terminal thread.
    case ordersFiltered(OrderFilterJob, rows: [Int32])
    /// Both executions' histories for the Diff screen, or why they could not be read.
    case diffHistories(a: (Execution, [ExecutionEvent]), b: (Execution, [ExecutionEvent]))
    case diffFailed(ExecutionARN, ExecutionARN, String)
    /// A replay's outcome (the original beside the replay), or why it could not run.
    case replayed(ReplayReport)
    case replayFailed(ExecutionARN, String)
    /// A Lambda function's log lines while a Task state ran, or why they could not be read.
    case functionLogs(FunctionLogWindow, [TailedEvent])
    case functionLogsFailed(FunctionLogWindow, String)
}
