import AWSClient
import Foundation
import OrderDeckCore
import Synchronization

/// The dashboard's background work: each loader is a cancellable task that refreshes on the
/// `RefreshPolicy` (fast while something watched runs, backing off when idle or throttled) and
/// posts what it found to the inbox.
public final class DataLoaders: Sendable {
    let session: StackSession
    let inbox: Inbox
    let journal: SubmissionJournal
    let policy: RefreshPolicy
    private let tasks = Mutex<[String: Task<Void, Never>]>([:])
    /// Set by the dashboard: an execution being watched (detail or submit screen).
    let watched = Mutex<String?>(nil)

    public init(
        session: StackSession, inbox: Inbox, journal: SubmissionJournal, policy: RefreshPolicy = RefreshPolicy()
    ) {
        self.session = session
        self.inbox = inbox
        self.journal = journal
        self.policy = policy
    }

    func start(_ name: String, _ body: @escaping @Sendable () async -> Void) {
        let task = Task { await body() }
        tasks.withLock { running in
            running[name]?.cancel()
            running[name] = task
        }
    }

    public func stopAll() {
        tasks.withLock { running in
            for task in running.values { task.cancel() }
            running.removeAll()
        }
    }

    public func startAll() {
        let session = self.session
        let inbox = self.inbox
        let policy = self.policy
        startExecutions()
        start("orders") { await self.followOrders() }
        start("logs") {
            guard let groups = try? await session.logGroups(), !groups.isEmpty else { return }
            let tail = LogTail(
                reader: LogReader(logs: session.logs, budget: session.logsBudget), groups: groups,
                since: Date().addingTimeInterval(-15 * 60))
            do {
                for try await batch in tail.follow(
                    interval: policy.base, maxInterval: .seconds(10),
                    onState: { state in
                        switch state {
                        case .live: break
                        case .throttled(let wait):
                            inbox.post(.refreshState("throttled, backing off \(Int(wait.seconds)) s"))
                        case .disconnected(let why, let wait):
                            inbox.post(.problem("\(why) — retrying in \(Int(wait.seconds)) s"))
                        }
                    })
                {
                    inbox.post(.logs(batch))
                }
            } catch {
                inbox.post(.problem(Self.describe(error)))
            }
        }
        start("submissions") {
            if let all = try? await self.journal.all() { inbox.post(.submissions(all)) }
        }
    }

    /// (Re)starts the execution monitors: refreshes at once instead of after a backed-off wait
    /// (used after a submission, so the new execution shows while it is still RUNNING).
    public func startExecutions() {
        let session = self.session
        let inbox = self.inbox
        start("machines+executions") {
            let machines: [MachineInfo]
            do {
                machines = try await session.machines()
                inbox.post(.machines(machines))
            } catch {
                inbox.post(.problem(Self.describe(error)))
                return
            }
            await withTaskGroup(of: Void.self) { group in
                for machine in machines {
                    group.addTask { await self.followExecutions(machine) }
                }
            }
        }
    }

    func followOrders() async {
        var wait = policy.base
        var previous: [Order] = []
        while !Task.isCancelled {
            do {
                let store = OrderStore(dynamoDB: session.dynamoDB, tableName: session.config.tableName)
                var loaded: [Order] = []
                for try await page in store.pages(pageSize: 1000) {
                    loaded += page
                    if previous.isEmpty { inbox.post(.orders(loaded, moreAvailable: false, loading: true)) }
                }
                let changed = loaded != previous
                previous = loaded
                inbox.post(.orders(loaded, moreAvailable: false, loading: false))
                inbox.post(.refreshState("live"))
                wait = policy.next(
                    after: wait, outcome: changed ? .changed : .unchanged,
                    watchingRunning: watched.withLock { $0 } != nil)
            } catch is CancellationError {
                return
            } catch {
                inbox.post(.problem(Self.describe(error)))
                wait = policy.next(
                    after: wait, outcome: Self.isThrottling(error) ? .throttled : .failed, watchingRunning: false)
            }
            try? await Task.sleep(for: wait)
        }
    }

    func followExecutions(_ machine: MachineInfo) async {
        let monitor = ExecutionMonitor(session: session, machine: machine)
        var wait = policy.base
        while !Task.isCancelled {
            do {
                let changes = try await monitor.refresh()
                inbox.post(.executions(machine: machine.name, await monitor.executions))
                let running = await monitor.runningCount > 0
                wait = policy.next(
                    after: wait, outcome: changes.isEmpty ? .unchanged : .changed, watchingRunning: running)
                inbox.post(.refreshState("live"))
            } catch is CancellationError {
                return
            } catch {
                let throttled = Self.isThrottling(error)
                wait = policy.next(after: wait, outcome: throttled ? .throttled : .failed, watchingRunning: false)
                inbox.post(
                    throttled
                        ? .refreshState("throttled, backing off \(Int(wait.seconds)) s")
                        : .problem(Self.describe(error)))
            }
            try? await Task.sleep(for: wait)
        }
    }

    /// Loads one execution's detail, again and again while it runs.
    public func watchDetail(_ arn: String) {
        watched.withLock { $0 = arn }
        let session = self.session
        let inbox = self.inbox
        let policy = self.policy
        start("detail") {
            let store = ExecutionStore(session: session)
            while !Task.isCancelled {
                do {
                    let (execution, events) = try await store.detail(arn: arn)
                    inbox.post(.detail(execution, events))
                    if execution.status != "RUNNING" { return }
                } catch is CancellationError {
                    return
                } catch {
                    inbox.post(.problem(Self.describe(error)))
                }
                try? await Task.sleep(for: policy.watching)
            }
        }
    }

    public func stopWatching() {
        watched.withLock { $0 = nil }
        tasks.withLock { running in
            running["detail"]?.cancel()
            running["detail"] = nil
        }
    }

    /// Sends an order (journal first), then watches the execution it started.
    public func submit(_ order: JSONValue) {
        let session = self.session
        let inbox = self.inbox
        let journal = self.journal
        start("submit") {
            do {
                let submission = try await Submitter(session: session, journal: journal).submit(order)
                inbox.post(.submitted(submission))
                if let all = try? await journal.all() { inbox.post(.submissions(all)) }
                if submission.isAccepted, let arn = submission.executionArn {
                    self.watchDetail(arn)
                    self.startExecutions()
                }
            } catch {
                inbox.post(.problem(Self.describe(error)))
            }
        }
    }

    public func resend(_ id: String) {
        let session = self.session
        let inbox = self.inbox
        let journal = self.journal
        start("submit") {
            do {
                let submission = try await Submitter(session: session, journal: journal).resend(id: id)
                inbox.post(.submitted(submission))
                if let all = try? await journal.all() { inbox.post(.submissions(all)) }
                if submission.isAccepted, let arn = submission.executionArn { self.watchDetail(arn) }
            } catch {
                inbox.post(.problem(Self.describe(error)))
            }
        }
    }

    static func isThrottling(_ error: any Error) -> Bool { (error as? AWSServiceError)?.isThrottling == true }

    /// One line for the status bar, never more.
    static func describe(_ error: any Error) -> String {
        String(describing: error).split(separator: "\n").first.map(String.init) ?? "error"
    }
}
