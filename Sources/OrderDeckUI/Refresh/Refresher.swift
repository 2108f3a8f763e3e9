import Foundation
import OrderDeckCore

/// Owns every background load of the dashboard (k9s's one updater per view): orders, each
/// machine's executions, the log tail, the watched execution, submissions. Each periodic feed
/// runs on the `RefreshPolicy` with the injected clock; a refresh asked for while the same feed
/// is loading is dropped; failures and the client's throttling reports go through the
/// `HealthTracker`. Results reach the terminal thread through `post`.
public actor Refresher {
    public enum Command: Sendable {
        case refreshNow
        case watch(ExecutionARN)
        case stopWatching
        /// Read this Map Run and its children now, and again while it runs.
        case watchMapRun(String)
        case stopWatchingMapRun
        /// Whether the Logs screen is on screen: then the tail polls at the watching cadence.
        case logsVisible(Bool)
        /// Whether the Submit screen is on screen: then the journal is read again when it is shown
        /// and with each orders refresh, so submissions made by other processes (the CLI) show.
        case submitVisible(Bool)
        case submit(JSONValue, FrontDoor?)
        case resend(String)
        case findOrder(OrderID, userId: String?)
        case stop(ExecutionARN, error: String?, cause: String?)
        /// Redrive these, one after another (a refusal of one does not stop the rest).
        case redrive([ExecutionARN])
        /// The operator scrolled past the oldest order held: page in the next older ones.
        case loadOlderOrders
        /// Read both executions' histories for the Diff screen.
        case diff(ExecutionARN, ExecutionARN)
        /// Replay an execution on the local engine.
        case replay(ExecutionARN)
        case functionLogs(FunctionLogWindow)
    }

    let source: any DashboardSource
    let clock: any AppClock
    let policy: RefreshPolicy
    /// The log tail's cadence: every 0.5 s while the Logs screen shows, else quick while lines
    /// arrive and never slower than 1.5 s (the newest line on screen within a few seconds).
    let logsPolicy = RefreshPolicy(
        base: .seconds(1), watching: .milliseconds(500), maximum: .milliseconds(1500), throttledMinimum: .seconds(8))
    /// How far back the log tail starts.
    let logsLookback: TimeInterval = 15 * 60
    let post: @Sendable (DashboardUpdate) -> Void
    private let commands: AsyncStream<Command>
    private let commandSink: AsyncStream<Command>.Continuation

    var tasks: [RefreshFeed: Task<Void, Never>] = [:]
    /// When each periodic load now waiting for its answer began, for the dashboard to read.
    public nonisolated let loadsInFlight: LoadsInFlight
    var inFlight: Set<RefreshFeed> = []
    var health = HealthTracker()
    var monitors: [String: any ExecutionRefreshing] = [:]
    var machines: [MachineInfo] = []
    var logTail: (any LogPolling)?
    var watched: ExecutionARN?
    /// The Map Run on screen.
    var watchedMapRun: String?
    /// The Logs screen is showing: the newest line should be on screen within about a second.
    var logsVisible = false
    /// The Submit screen is showing: the journal is read again with each orders refresh.
    var submitVisible = false
    /// The journal as last posted (posted again only when it changed).
    var lastSubmissions: [Submission]?
    /// The orders the dashboard holds and how they are read: the refresher schedules their
    /// reads and posts what they answer, it holds no copy of its own.
    let orders: LoadedOrders
    /// Whose order each execution started recently works on (from its log records' input), so a
    /// record of it can read that order by key.
    var usersByExecutionName: [String: String] = [:]
    /// The tail's first round (the lookback's backlog) is behind: records now say what moves.
    var logBacklogRead = false
    /// Log records drive refreshes (off: the timed reads alone, the benchmark's comparison).
    let logDrivenRefresh: Bool
    /// The table's stream being followed (`Refresher+OrderStream.swift`); nil until opened.
    var orderStream: (any OrderStreamPolling)?
    /// How orders are followed, as last posted.
    var orderFeedMode: OrderFeedMode?
    /// Records came in lately: the stream is read at its quick cadence until then.
    var streamBusyUntil: Date?
    /// When the stream last carried a record (or was woken, or opened): its idle rounds grow rarer
    /// from there.
    var streamActiveAt: Date?
    /// Older orders are being paged in (one request at a time: a second ask is dropped).
    var loadingOlder = false
    /// Loads done per feed (tests and the soak benchmark read it).
    public internal(set) var loads: [RefreshFeed: Int] = [:]

    public init(
        source: any DashboardSource, clock: any AppClock, policy: RefreshPolicy = RefreshPolicy(),
        orderWindow: Int = StackConfig.defaultOrderWindow, logDrivenRefresh: Bool = true,
        post: @escaping @Sendable (DashboardUpdate) -> Void,
        wake: @escaping @Sendable () -> Void = {}
    ) {
        loadsInFlight = LoadsInFlight(onBegin: wake)
        self.source = source
        orders = LoadedOrders(source: source, window: orderWindow, now: { clock.now() })
        self.clock = clock
        self.policy = policy
        self.logDrivenRefresh = logDrivenRefresh
        self.post = post
        (commands, commandSink) = AsyncStream.makeStream(of: Command.self)
    }

    /// Queues a command; commands are carried out in the order they were sent.
    public nonisolated func send(_ command: Command) { commandSink.yield(command) }

    /// Starts every feed and carries out commands until the task running it is cancelled.
    public func run() async {
        startAll()
        let source = self.source
        let events = Task { [weak self] in
            for await event in source.events { await self?.clientEvent(event) }
        }
        for await command in commands { handle(command) }
        events.cancel()
        for task in tasks.values { task.cancel() }
        tasks = [:]
    }

    func handle(_ command: Command) {
        switch command {
        case .refreshNow:
            // A feed that is loading now delivers fresh data anyway: only the sleeping ones restart.
            for feed in [RefreshFeed.orders, .logs] where !inFlight.contains(feed) { restart(feed) }
            if !inFlight.contains(.machines) { startExecutions() }
            if watched != nil, !inFlight.contains(.execution) { startWatching() }
            if watchedMapRun != nil, !inFlight.contains(.mapRun) { startWatchingMapRun() }
        case .watch(let arn):
            watched = arn
            startWatching()
        case .logsVisible(let visible):
            guard visible != logsVisible else { return }
            logsVisible = visible
            // Shown: poll now instead of after the quiet back-off.
            if visible, !inFlight.contains(.logs) { restart(.logs) }
        case .submitVisible(let visible):
            submitVisible = visible
            if visible { oneShot(.submissions) { try await self.readSubmissions() } }
        case .stopWatching:
            watched = nil
            cancel(.execution)
        case .watchMapRun(let arn):
            watchedMapRun = arn
            startWatchingMapRun()
        case .stopWatchingMapRun:
            watchedMapRun = nil
            cancel(.mapRun)
        case .submit(let order, let door):
            let source = self.source
            oneShot(.submit) { await self.submitted(try await source.submit(order, via: door), resent: false) }
        case .resend(let id):
            let source = self.source
            oneShot(.submit) { await self.submitted(try await source.resend(id), resent: true) }
        case .findOrder(let id, let userId):
            oneShot(.lookup) { await self.lookUp(id, userId: userId) }
        case .loadOlderOrders:
            // Marked here, before the task starts: a second request while one loads is dropped,
            // not allowed to cancel the first (oneShot replaces the feed's task).
            guard !loadingOlder else { break }
            loadingOlder = true
            oneShot(.olderOrders) { try await self.loadOlderOrders() }
        case .redrive(let arns):
            oneShot(.redrive) { await self.redrive(arns) }
        case .diff(let a, let b):
            oneShot(.diff) { await self.loadDiff(a, b) }
        case .replay(let arn):
            oneShot(.replay) { await self.replay(arn) }
        case .functionLogs(let window):
            oneShot(.functionLogs) { await self.readFunctionLogs(window) }
        case .stop(let arn, let error, let cause):
            let source = self.source
            oneShot(.stop) {
                do {
                    let stopped = try await source.stop(arn, error: error, cause: cause)
                    await self.afterStop(.stopped(stopped))
                } catch {
                    await self.afterStop(.stopFailed(arn, LoadFailure(error).message))
                }
            }
        }
    }

    /// Each in turn, a line each; then the lists again, and the watched execution if it was one of
    /// them (it runs again under the same ARN).
    func redrive(_ arns: [ExecutionARN]) async {
        var redriven = 0
        for arn in arns {
            if Task.isCancelled { break }
            do {
                post(.redriven(try await source.redrive(arn)))
                redriven += 1
            } catch {
                post(.redriveFailed(arn, LoadFailure(error).message))
            }
        }
        if arns.count > 1 { post(.redriveFinished(redriven: redriven, of: arns.count)) }
        if !inFlight.contains(.machines) { startExecutions() }
        if let watched, arns.contains(watched), !inFlight.contains(.execution) { startWatching() }
    }

    /// Tells the dashboard, then reads the lists and the watched execution again at once, so the
    /// ABORTED status shows without waiting for the next refresh.
    func afterStop(_ update: DashboardUpdate) {
        post(update)
        if !inFlight.contains(.machines) { startExecutions() }
        if watched != nil, !inFlight.contains(.execution) { startWatching() }
    }

    /// Reads one order by key; a found order joins the loaded ones (re-indexed here, off the
    /// terminal thread) before the dashboard is told, so it can select it at once.
    func lookUp(_ id: OrderID, userId: String?) async {
        do {
            let (order, joined) = try await orders.lookUp(id, userId: userId)
            if let joined { post(.orders(index(joined), loading: false)) }
            post(.orderLookup(id, order, problem: nil))
        } catch {
            post(.orderLookup(id, nil, problem: "looking up order \(id): \(LoadFailure(error).message)"))
        }
    }

    func submitted(_ submission: Submission, resent: Bool) async {
        post(.submitted(submission, resent: resent))
        try? await readSubmissions()
        if submission.isAccepted, let arn = submission.executionArn {
            watched = ExecutionARN(arn)
            startWatching()
            startExecutions()  // the new execution shows while it is still RUNNING
        }
    }

    /// Reads the journal and posts it when it changed since the last post. Other processes (the
    /// CLI) write the same journal, so it is read again rather than kept; a failed read leaves the
    /// list as it is.
    func readSubmissions() async throws {
        let all = try await source.submissions()
        guard all != lastSubmissions else { return }
        lastSubmissions = all
        post(.submissions(all))
    }

    func clientEvent(_ event: SourceEvent) {
        switch event {
        case .retrying(_, _, let delay, let throttled):
            guard throttled, let changed = health.throttled(until: clock.now().addingTimeInterval(delay.seconds))
            else {
                return
            }
            post(.health(changed))
        case .clockSkewCorrected(let seconds):
            post(.notice("clock skew of \(Int(seconds)) s corrected (the local clock is off)"))
        }
    }
}
