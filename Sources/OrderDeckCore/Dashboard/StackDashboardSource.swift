import AWSClient
import AWSServices
import Foundation
import Synchronization

/// The live `DashboardSource`: a stack session (its AWS client reporting into `events`) and the
/// submissions journal.
public final class StackDashboardSource: DashboardSource {
    public let session: StackSession
    public let journal: SubmissionJournal
    public let events: AsyncStream<SourceEvent>
    let clock: any AppClock
    private let recentIndex = Mutex<Bool?>(nil)
    private let changedIndex = Mutex<Bool?>(nil)
    /// The query language of each execution's definition, read once (a definition never changes).
    private let queryLanguages = Mutex<[ExecutionARN: MachineQueryLanguages]>([:])

    /// Whether the table's stream is followed (off: `orderStream()` says so, and the dashboard
    /// keeps its timed reads — what Benchmarks/run.py case 10 compares with).
    let followsStream: Bool
    /// The local engine replays run on, started on first use (the composition root knows how);
    /// nil: replay is not offered.
    let replayEngine: (@Sendable () async throws -> ReplayEngine)?

    public init(
        session: StackSession, journal: SubmissionJournal, clock: any AppClock = SystemClock(),
        followsStream: Bool = true, replayEngine: (@Sendable () async throws -> ReplayEngine)? = nil
    ) {
        self.followsStream = followsStream
        self.replayEngine = replayEngine
        let (stream, continuation) = AsyncStream.makeStream(of: SourceEvent.self, bufferingPolicy: .bufferingNewest(32))
        var client = session.client
        let previous = client.onEvent
        client.onEvent = { event in
            previous?(event)
            continuation.yield(SourceEvent(event))
        }
        self.session = StackSession(config: session.config, client: client, logsBudget: session.logsBudget)
        self.journal = journal
        self.events = stream
        self.clock = clock
    }

    public func machines() async throws -> [MachineInfo] { try await session.machines() }

    public func orderPages() -> AsyncThrowingStream<[Order], any Error> {
        OrderStore(dynamoDB: session.dynamoDB, tableName: session.config.tableName).pages(pageSize: 1000)
    }

    public func recentOrders(days: Int) async throws -> [Order]? {
        let store = OrderStore(dynamoDB: session.dynamoDB, tableName: session.config.tableName)
        guard try await Self.known(recentIndex, store.hasRecentIndex) else { return nil }
        return try await store.created(inLast: days, now: clock.now())
    }

    public func changedOrders(since: Date) async throws -> [Order]? {
        let store = OrderStore(dynamoDB: session.dynamoDB, tableName: session.config.tableName)
        guard try await Self.known(changedIndex, store.hasChangedIndex) else { return nil }
        return try await store.changed(since: since, now: clock.now())
    }

    public func olderOrders(before: Date, limit: Int) async throws -> [Order]? {
        let store = OrderStore(dynamoDB: session.dynamoDB, tableName: session.config.tableName)
        guard try await Self.known(recentIndex, store.hasRecentIndex) else { return nil }
        return try await store.newest(limit: limit, now: before, createdBefore: before)?.orders ?? []
    }

    /// Whether the table has an index, asked once per session (DescribeTable), not every refresh.
    static func known(_ cache: borrowing Mutex<Bool?>, _ ask: () async throws -> Bool) async throws -> Bool {
        if let known = cache.withLock({ $0 }) { return known }
        let answer = try await ask()
        cache.withLock { $0 = answer }
        return answer
    }

    public func orderStream() async throws -> OrderStreamOpening {
        guard followsStream else { return .unavailable(reason: "stream not followed (ORDERDECK_NO_ORDER_STREAM)") }
        let clock = self.clock
        return try await OrderStreamReader.open(
            dynamoDB: session.dynamoDB, table: session.config.tableName, now: { clock.now() })
    }

    public func order(_ id: OrderID, userId: String?) async throws -> Order? {
        try await OrderStore(dynamoDB: session.dynamoDB, tableName: session.config.tableName)
            .order(id: id.rawValue, userId: userId)
    }

    public func executionMonitor(for machine: MachineInfo) -> any ExecutionRefreshing {
        let clock = self.clock
        return ExecutionMonitor(
            session: session, machine: machine, clock: clock, window: session.config.orderWindow)
    }

    public func execution(_ arn: ExecutionARN) async throws -> (execution: Execution, events: [ExecutionEvent]) {
        let clock = self.clock
        let store = ExecutionStore(session: session, clock: clock)
        var detail = try await store.detail(arn: arn.rawValue, redriveStanding: true)
        if let known = queryLanguages.withLock({ $0[arn] }) {
            detail.execution.queryLanguages = known
        } else if let read = await store.queryLanguages(of: arn) {
            queryLanguages.withLock { $0[arn] = read }
            detail.execution.queryLanguages = read
        }
        return detail
    }

    public func logTail(since: Date) async throws -> (any LogPolling)? {
        let groups = try await session.logGroups()
        guard !groups.isEmpty else { return nil }
        return LogTail(
            reader: LogReader(logs: session.logs, budget: session.logsBudget), groups: groups, since: since,
            clock: clock, liveTail: session.config.liveTail)
    }

    public func functionLogs(_ window: FunctionLogWindow) async throws -> [TailedEvent] {
        do {
            return try await LogReader(logs: session.logs, budget: session.logsBudget).events(
                group: window.group, start: window.startMilliseconds, end: window.endMilliseconds
            ).map {
                TailedEvent(
                    group: window.group, stream: $0.logStreamName ?? "", eventId: $0.eventId ?? "",
                    timestamp: $0.timestamp ?? 0, message: $0.message ?? "", record: nil)
            }
        } catch let error as AWSServiceError where error.code == "ResourceNotFoundException" {
            // No group: the function never logged here (or logs elsewhere).
            throw CoreError.notFound(
                "\(window.group) does not exist: \(window.function) has not logged in this account")
        }
    }

    public func submit(_ order: JSONValue, via door: FrontDoor?) async throws -> Submission {
        let clock = self.clock
        return try await Submitter(session: session, journal: journal, clock: clock).submit(order, via: door)
    }

    public func resend(_ submissionId: String) async throws -> Submission {
        let clock = self.clock
        return try await Submitter(session: session, journal: journal, clock: clock).resend(id: submissionId)
    }

    /// The journal, newest first, with entries sent to an earlier incarnation of this stack marked.
    public func submissions() async throws -> [Submission] {
        Submission.markingEarlierStack(
            try await journal.all(), stack: session.config.name, currentURL: session.config.api?.url)
    }

    public func metrics(machines: [MachineInfo], now: Date) async throws -> StatesMetrics? {
        try await StatesMetricsReader(session: session).read(machines: machines, now: now)
    }

    public func stop(_ arn: ExecutionARN, error: String?, cause: String?) async throws -> Execution {
        try await ExecutionStopper(session: session).stop(arn, error: error, cause: cause)
    }

    public func mapRun(_ arn: String, childLimit: Int) async throws -> MapRunDetail {
        try await MapRunReader(session: session).detail(arn, childLimit: childLimit)
    }

    public func redrive(_ arn: ExecutionARN) async throws -> ExecutionRedriver.Redriven {
        try await ExecutionRedriver(session: session).redrive(arn)
    }

    public func replay(_ arn: ExecutionARN) async throws -> ReplayReport {
        guard let replayEngine else { throw CoreError.invalidInput("replay is not available here") }
        let recording = try await ExecutionStore(session: session, clock: clock).recording(arn: arn.rawValue)
        return try await ExecutionReplay.replay(recording, engine: try await replayEngine())
    }
}
