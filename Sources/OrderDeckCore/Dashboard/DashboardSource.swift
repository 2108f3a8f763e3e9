import Foundation

/// Everything the dashboard reads and does, in one seam: the live source works on a stack
/// session; tests use an in-memory one (with faults on demand) — so the dashboard's behaviour
/// over time is tested without a network, and the refresher never knows which it has.
public protocol DashboardSource: Sendable {
    /// What the AWS client reports on the way to answers (retries, throttling, clock skew).
    var events: AsyncStream<SourceEvent> { get }
    /// The configured state machines, described.
    func machines() async throws -> [MachineInfo]
    /// Every order, page by page (the first pages show while the rest load).
    func orderPages() -> AsyncThrowingStream<[Order], any Error>
    /// The orders created in the last `days` UTC days, through the recent-orders index; nil when the
    /// table has none (then only a full read sees changes).
    func recentOrders(days: Int) async throws -> [Order]?
    /// The orders created or changed after `since`, through the changed-orders index; nil when
    /// the table has none. A quiet refresh reads nothing.
    func changedOrders(since: Date) async throws -> [Order]?
    /// The newest `limit` orders created before `before`, through the recent-orders index: what
    /// the dashboard pages in when the operator scrolls past its window. Nil without the index.
    func olderOrders(before: Date, limit: Int) async throws -> [Order]?
    /// The table's stream, followed from its end (DynamoDB Streams), or why there is none to
    /// follow (then timed reads alone see changes).
    func orderStream() async throws -> OrderStreamOpening
    /// One order by key (GetItem when the user is known, else a filtered read).
    func order(_ id: OrderID, userId: String?) async throws -> Order?
    /// A monitor that keeps one machine's execution list current.
    func executionMonitor(for machine: MachineInfo) -> any ExecutionRefreshing
    /// One execution and its events (Express rebuilt from its logs).
    func execution(_ arn: ExecutionARN) async throws -> (execution: Execution, events: [ExecutionEvent])
    /// A tail of the stack's log groups from `since`; nil when there are none to tail.
    func logTail(since: Date) async throws -> (any LogPolling)?
    /// Sends a new order (journal first) through `door` (the stack's preferred one when nil).
    func submit(_ order: JSONValue, via door: FrontDoor?) async throws -> Submission
    /// Sends a journaled submission again, with the same order id.
    func resend(_ submissionId: String) async throws -> Submission
    /// The submissions journal, newest first.
    func submissions() async throws -> [Submission]
    /// The `AWS/States` execution metrics of the last hour, per minute (nil: not available here).
    func metrics(machines: [MachineInfo], now: Date) async throws -> StatesMetrics?
    /// Stops a RUNNING Standard execution; the execution as it is afterwards.
    func stop(_ arn: ExecutionARN, error: String?, cause: String?) async throws -> Execution
    /// A distributed Map's run (DescribeMapRun) and its child executions, the first `childLimit`.
    func mapRun(_ arn: String, childLimit: Int) async throws -> MapRunDetail
    /// Redrives a Standard execution that ended badly, or throws why it cannot be.
    func redrive(_ arn: ExecutionARN) async throws -> ExecutionRedriver.Redriven
    /// Replays an execution on the local engine from its recording (nothing is written to the
    /// stack: allowed read-only too).
    func replay(_ arn: ExecutionARN) async throws -> ReplayReport
    /// A Lambda function's own log lines while one Task state ran, oldest first.
    func functionLogs(_ window: FunctionLogWindow) async throws -> [TailedEvent]
}

extension DashboardSource {
    public func replay(_ arn: ExecutionARN) async throws -> ReplayReport {
        throw CoreError.invalidInput("replay is not available here")
    }

    public func functionLogs(_ window: FunctionLogWindow) async throws -> [TailedEvent] {
        throw CoreError.invalidInput("function logs are not available here")
    }
}

/// Keeps an execution list current (`ExecutionMonitor` is the live one).
public protocol ExecutionRefreshing: Sendable {
    /// Reads what changed since the last call.
    func refresh() async throws -> ExecutionMonitor.Changes
    /// All executions known, newest first.
    var executions: [Execution] { get async }
}

/// Returns the log events not returned before (`LogTail` is the live one).
public protocol LogPolling: Sendable {
    func poll() async throws -> [TailedEvent]
    /// How the lines are followed (Live Tail or polling, and why) when that changed since the
    /// last call; nil when unchanged.
    func takeModeChange() async -> LogFollowMode?
}

extension DashboardSource {
    public func orderStream() async throws -> OrderStreamOpening { .unavailable(reason: "no stream here") }
}

extension LogPolling {
    public func takeModeChange() async -> LogFollowMode? { nil }
}

extension ExecutionMonitor: ExecutionRefreshing {}
extension LogTail: LogPolling {}
extension OrderStreamReader: OrderStreamPolling {}
