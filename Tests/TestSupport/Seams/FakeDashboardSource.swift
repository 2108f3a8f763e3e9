import Foundation
import OrderDeckCore
import Synchronization

/// An in-memory `DashboardSource`: orders, executions, histories and log lines a test puts in,
/// faults on demand (every call failing, or throttled), and a count of what was read — so the
/// dashboard's loads are tested without a network.
public final class FakeDashboardSource: DashboardSource {
    public struct Data: Sendable {
        public var machines: [MachineInfo] = []
        public var orders: [Order] = []
        public var executions: [String: [Execution]] = [:]
        public var details: [ExecutionARN: (Execution, [ExecutionEvent])] = [:]
        public var logLines: [TailedEvent] = []
        /// How the tail says it follows (Live Tail or polling, and why); nil: it says nothing.
        public var logMode: LogFollowMode?
        public var submissions: [Submission] = []
        /// The stack's API url now (with `stackName`): journaled entries elsewhere are marked as
        /// from an earlier stack, as the live source marks them.
        public var apiURL: String?
        public var stackName = "local"
        /// The door of each submit asked of the fake, in order (nil: the stack's preferred one).
        public var submittedVia: [FrontDoor?] = []
        /// Each Lambda log group's lines (`functionLogs` gives those inside the window).
        public var functionLogs: [String: [TailedEvent]] = [:]
        /// Every StopExecution asked for: the ARN, error and cause.
        public var stops: [(arn: ExecutionARN, error: String?, cause: String?)] = []
        /// RedriveExecution requests, in order; and whether this "engine" refuses them all, as the
        /// local stack's moto does.
        public var redrives: [ExecutionARN] = []
        public var redriveUnimplemented = false
        /// What GetMetricData would answer (nil: no metrics).
        public var metrics: StatesMetrics?
        /// Distributed Map runs by ARN, with their child executions (DescribeMapRun and
        /// ListExecutions by `mapRunArn`).
        public var mapRuns: [String: MapRunDetail] = [:]
        /// The table has the recent-orders index: `recentOrders` answers (orders created in the last
        /// days by `createdAt`).
        public var hasRecentIndex = false
        /// The table has the changed-orders index: `changedOrders` answers (orders whose
        /// `updatedAt`, else `createdAt`, is after the time asked).
        public var hasChangedIndex = false
        /// The table has a stream: `orderStream()` follows it, each poll returning the changes
        /// added to `streamChanges` since the previous one (nil: no stream, timed reads alone).
        public var hasOrderStream = false
        public var streamChanges: [OrderChange] = []
        /// Every call fails with this (nil: calls work).
        public var failure: LoadFailure?
        public init() {}
    }

    public struct Reads: Sendable, Equatable {
        public var orderScans = 0
        public var orderItemsRead = 0
        public var orderLookups = 0
        public var recentQueries = 0
        public var recentItemsRead = 0
        public var changedQueries = 0
        public var changedItemsRead = 0
        public var executionRefreshes = 0
        public var detailLoads = 0
        public var mapRunLoads = 0
        public var logPolls = 0
        public var streamPolls = 0
        public var failedCalls = 0
    }

    private let data: Mutex<Data>
    /// While held, reads of changed orders wait (a server that stopped answering).
    public let changedOrdersGate = CallGate()
    /// While held, StopExecution calls wait.
    public let stopGate = CallGate()

    public func hold() { changedOrdersGate.hold() }
    public func release() { changedOrdersGate.release() }
    /// Returns once `count` reads of changed orders wait at the gate.
    public func waitUntilHeld(_ count: Int = 1) async { await changedOrdersGate.waitUntilHeld(count) }

    private let reads = Mutex(Reads())
    public let events: AsyncStream<SourceEvent>
    private let eventSink: AsyncStream<SourceEvent>.Continuation

    public init(_ data: Data = Data()) {
        self.data = Mutex(data)
        (events, eventSink) = AsyncStream.makeStream(of: SourceEvent.self)
    }

    /// Changes what the source holds (new orders, a fault, a fixed fault).
    public func update(_ change: (inout Data) -> Void) { data.withLock { change(&$0) } }
    /// The doors submits were asked through, in order.
    public var submittedVia: [FrontDoor?] { data.withLock { $0.submittedVia } }
    public var counts: Reads { reads.withLock { $0 } }
    /// Reads what the source holds (what a test's actions changed).
    public func withData<T>(_ read: (Data) -> T) -> T { data.withLock { read($0) } }
    /// What the AWS client would report (a retry, throttling, clock skew).
    public func emit(_ event: SourceEvent) { eventSink.yield(event) }

    func check() throws {
        if let failure = data.withLock({ $0.failure }) {
            reads.withLock { $0.failedCalls += 1 }
            throw failure
        }
    }

    public func machines() async throws -> [MachineInfo] {
        try check()
        return data.withLock { $0.machines }
    }

    public func orderPages() -> AsyncThrowingStream<[Order], any Error> {
        AsyncThrowingStream { continuation in
            do {
                try check()
                let orders = data.withLock { $0.orders }
                reads.withLock {
                    $0.orderScans += 1
                    $0.orderItemsRead += orders.count
                }
                var start = 0
                repeat {
                    continuation.yield(Array(orders[start..<min(orders.count, start + 1000)]))
                    start += 1000
                } while start < orders.count
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
    }

    public func recentOrders(days: Int) async throws -> [Order]? {
        try check()
        let (indexed, orders) = data.withLock { ($0.hasRecentIndex, $0.orders) }
        guard indexed else { return nil }
        let newest = orders.compactMap(\.createdAt).max() ?? Date()
        let recent = orders.filter {
            ($0.createdAt ?? .distantPast) > newest.addingTimeInterval(Double(-days) * 86_400)
        }
        reads.withLock {
            $0.recentQueries += 1
            $0.recentItemsRead += recent.count
        }
        return recent
    }

    public func changedOrders(since: Date) async throws -> [Order]? {
        await changedOrdersGate.pass()
        try check()
        let (indexed, orders) = data.withLock { ($0.hasChangedIndex, $0.orders) }
        guard indexed else { return nil }
        let changed = orders.filter { ($0.updatedAt ?? $0.createdAt ?? .distantPast) > since }
        reads.withLock {
            $0.changedQueries += 1
            $0.changedItemsRead += changed.count
        }
        return changed
    }

    public func olderOrders(before: Date, limit: Int) async throws -> [Order]? {
        try check()
        let (indexed, orders) = data.withLock { ($0.hasRecentIndex, $0.orders) }
        guard indexed else { return nil }
        let older = Order.sorted(
            orders.filter { ($0.createdAt ?? .distantPast) < before }, by: .created, descending: true
        ).prefix(limit)
        reads.withLock {
            $0.recentQueries += 1
            $0.recentItemsRead += older.count
        }
        return Array(older)
    }

    public func orderStream() async throws -> OrderStreamOpening {
        try check()
        guard data.withLock({ $0.hasOrderStream }) else { return .unavailable(reason: "table ORDER has no stream") }
        return .stream(FakeOrderStream(source: self))
    }

    func streamChanges(after count: Int) throws -> [OrderChange] {
        try check()
        reads.withLock { $0.streamPolls += 1 }
        return data.withLock { Array($0.streamChanges.dropFirst(count)) }
    }

    public func order(_ id: OrderID, userId: String?) async throws -> Order? {
        try check()
        reads.withLock { $0.orderLookups += 1 }
        return data.withLock { $0.orders.first { $0.id == id } }
    }

    public func executionMonitor(for machine: MachineInfo) -> any ExecutionRefreshing {
        FakeMonitor(source: self, machine: machine.name)
    }

    func executions(of machine: String) throws -> [Execution] {
        try check()
        reads.withLock { $0.executionRefreshes += 1 }
        return data.withLock { $0.executions[machine] ?? [] }
    }

    public func execution(_ arn: ExecutionARN) async throws -> (execution: Execution, events: [ExecutionEvent]) {
        try check()
        reads.withLock { $0.detailLoads += 1 }
        guard let found = data.withLock({ $0.details[arn] }) else {
            throw LoadFailure(kind: .failed, message: "no \(arn)")
        }
        return found
    }

    /// A replay that runs the recorded history again as it was: the original against itself, so
    /// the dashboard's replay path (key, effect, screen) is exercised with a real comparison.
    public func replay(_ arn: ExecutionARN) async throws -> ReplayReport {
        let (execution, events) = try await self.execution(arn)
        let recording = ReplayRecording(
            execution: execution, events: events, input: execution.input ?? "{}", definition: "{}",
            definitionSource: "the definition it ran")
        let run = ReplayEngine.Run(
            executionArn: "arn:aws:states:us-east-1:000000000000:execution:orderdeck-replay-fake:\(execution.name)",
            events: events, status: execution.status)
        let diff = ExecutionDiff(recording.timeline, run.timeline, options: .init(executionNames: [execution.name]))
        return ReplayReport(
            recording: recording, run: run, diff: diff, changes: ["Wait states wait 0 s (AwaitPaymentConfirmation)"],
            engine: "http://127.0.0.1:4566")
    }

    public func logTail(since: Date) async throws -> (any LogPolling)? {
        try check()
        return FakeLogTail(source: self)
    }

    func logMode() -> LogFollowMode? { data.withLock { $0.logMode } }

    func logLines(after count: Int) throws -> [TailedEvent] {
        try check()
        reads.withLock { $0.logPolls += 1 }
        return data.withLock { Array($0.logLines.dropFirst(count)) }
    }

    public func functionLogs(_ window: FunctionLogWindow) async throws -> [TailedEvent] {
        try check()
        let lines = data.withLock { $0.functionLogs[window.group] }
        guard let lines else { throw LoadFailure(kind: .failed, message: "\(window.group) does not exist") }
        return lines.filter { (window.startMilliseconds...window.endMilliseconds).contains($0.timestamp) }
    }

    /// Records the door asked for, then refuses: the fake sends nothing anywhere.
    public func submit(_ order: JSONValue, via door: FrontDoor?) async throws -> Submission {
        try check()
        data.withLock { $0.submittedVia.append(door) }
        throw LoadFailure(kind: .failed, message: "the fake source does not submit")
    }

    public func resend(_ submissionId: String) async throws -> Submission {
        try check()
        throw LoadFailure(kind: .failed, message: "the fake source does not submit")
    }

    public func submissions() async throws -> [Submission] {
        try check()
        let (list, stack, url) = data.withLock { ($0.submissions, $0.stackName, $0.apiURL) }
        return Submission.markingEarlierStack(list, stack: stack, currentURL: url)
    }

    public func metrics(machines: [MachineInfo], now: Date) async throws -> StatesMetrics? {
        try check()
        return data.withLock { $0.metrics }
    }

    /// As StopExecution: the execution and its list row become ABORTED.
    public func stop(_ arn: ExecutionARN, error: String?, cause: String?) async throws -> Execution {
        await stopGate.pass()
        // As a real transport: a call whose task was cancelled never reaches the service.
        try Task.checkCancellation()
        try check()
        return try data.withLock { data in
            data.stops.append((arn, error, cause))
            guard var detail = data.details[arn] else { throw LoadFailure(kind: .failed, message: "no \(arn)") }
            detail.0.status = .aborted
            detail.0.error = error
            detail.0.cause = cause
            data.details[arn] = detail
            for (machine, list) in data.executions {
                data.executions[machine] = list.map { $0.arn == arn ? detail.0 : $0 }
            }
            return detail.0
        }
    }
}

extension FakeDashboardSource {
    /// As DescribeMapRun and ListExecutions by `mapRunArn`: the run, its first `childLimit` children.
    public func mapRun(_ arn: String, childLimit: Int) async throws -> MapRunDetail {
        try check()
        reads.withLock { $0.mapRunLoads += 1 }
        guard var detail = data.withLock({ $0.mapRuns[arn] }) else {
            throw LoadFailure(kind: .failed, message: "ResourceNotFound: no Map Run \(arn)")
        }
        detail.moreChildren = detail.moreChildren || detail.children.count > childLimit
        detail.children = Array(detail.children.prefix(childLimit))
        return detail
    }

    /// As RedriveExecution after the redriver's checks (the same refusals, worded once): the
    /// execution runs again under its ARN, its redrive count one up.
    public func redrive(_ arn: ExecutionARN) async throws -> ExecutionRedriver.Redriven {
        try check()
        return try data.withLock { data in
            guard var detail = data.details[arn] else { throw LoadFailure(kind: .failed, message: "no \(arn)") }
            let before = ExecutionRedriver.Standing(detail.0)
            if let refusal = ExecutionRedriver.refusal(arn, standing: before, localStack: data.redriveUnimplemented) {
                throw LoadFailure(kind: .failed, message: refusal)
            }
            data.redrives.append(arn)
            let date = (detail.0.stopDate ?? Date(timeIntervalSince1970: 0)).addingTimeInterval(60)
            detail.0.status = .running
            detail.0.stopDate = nil
            detail.0.redrive.count += 1
            detail.0.redrive.date = date
            data.details[arn] = detail
            for (machine, list) in data.executions {
                data.executions[machine] = list.map { $0.arn == arn ? detail.0 : $0 }
            }
            return ExecutionRedriver.Redriven(arn: arn, redriveDate: date, before: before)
        }
    }
}

/// The fake's execution monitor: reports what was added or changed since its last refresh.
actor FakeMonitor: ExecutionRefreshing {
    let source: FakeDashboardSource
    let machine: String
    private var known: [ExecutionARN: ExecutionStatus] = [:]
    private(set) var executions: [Execution] = []

    init(source: FakeDashboardSource, machine: String) {
        self.source = source
        self.machine = machine
    }

    func refresh() async throws -> ExecutionMonitor.Changes {
        let list = try source.executions(of: machine)
        executions = list
        return ExecutionMonitor.Changes.between(known: &known, fresh: list)
    }
}

/// The fake's log tail: each poll returns the lines added since the previous one.
actor FakeLogTail: LogPolling {
    let source: FakeDashboardSource
    private var delivered = 0

    init(source: FakeDashboardSource) { self.source = source }

    func poll() async throws -> [TailedEvent] {
        let fresh = try source.logLines(after: delivered)
        delivered += fresh.count
        return fresh
    }

    private var reportedMode: LogFollowMode?

    func takeModeChange() async -> LogFollowMode? {
        let mode = source.logMode()
        guard let mode, mode != reportedMode else { return nil }
        reportedMode = mode
        return mode
    }
}

/// The fake's stream reader: each poll returns the changes added since the previous one.
actor FakeOrderStream: OrderStreamPolling {
    let source: FakeDashboardSource
    private var delivered = 0

    init(source: FakeDashboardSource) { self.source = source }

    func poll() async throws -> OrderChangeBatch {
        let fresh = try source.streamChanges(after: delivered)
        delivered += fresh.count
        return OrderChangeBatch(changes: fresh)
    }
}
