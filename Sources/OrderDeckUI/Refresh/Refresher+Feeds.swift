import Foundation
import OrderDeckCore

extension Refresher {
    /// What one run of a feed found: whether it changed something, or that the feed is done.
    enum RunResult: Sendable {
        case again(RefreshPolicy.Outcome, watchingRunning: Bool)
        /// Again after exactly this wait: a feed with a cadence of its own (the order stream).
        case after(Duration)
        case done
    }

    func startAll() {
        restart(.orders)
        startExecutions()
        restart(.logs)
        startOrderStream()
        oneShot(.submissions) { try await self.readSubmissions() }
    }

    func restart(_ feed: RefreshFeed) {
        switch feed {
        case .orders:
            loop(.orders, policy) {
                let result = try await self.loadOrders()
                // No clock of its own: the journal rides on the orders refresh while it is seen.
                if await self.submitVisible { try? await self.readSubmissions() }
                return result
            }
        case .logs: loop(.logs, logsPolicy) { try await self.pollLogs() }
        default: break
        }
    }

    func cancel(_ feed: RefreshFeed) {
        tasks[feed]?.cancel()
        tasks[feed] = nil
    }

    /// (Re)starts the machine list and, once it is known, each machine's executions.
    func startExecutions() {
        loop(.machines, policy) { try await self.loadMachines() }
    }

    func loadMachines() async throws -> RunResult {
        let list = try await source.machines()
        machines = list
        post(.machines(list))
        if tasks[.metrics] == nil { startMetrics() }
        for machine in list {
            if monitors[machine.name] == nil { monitors[machine.name] = source.executionMonitor(for: machine) }
            loop(.executions(machine: machine.name), policy) { try await self.refreshExecutions(machine) }
        }
        return .done
    }

    /// The Overview's CloudWatch metrics, once a minute (their resolution). Optional data: a
    /// stack without them (or without the permission) is not a failing dashboard, so errors only
    /// leave the chart on what is loaded.
    func startMetrics() {
        let source = self.source
        let clock = self.clock
        tasks[.metrics] = Task {
            while !Task.isCancelled {
                let machines = self.machines
                let metrics = try? await source.metrics(machines: machines, now: clock.now())
                self.post(.metrics(metrics ?? nil))
                do { try await clock.sleep(for: .seconds(60)) } catch { return }
            }
        }
    }

    func startWatching() {
        guard let arn = watched else { return }
        loop(.execution, RefreshPolicy(base: policy.watching, watching: policy.watching)) {
            try await self.loadWatched(arn)
        }
    }

    func loadWatched(_ arn: ExecutionARN) async throws -> RunResult {
        let (execution, events) = try await source.execution(arn)
        guard watched == arn else { return .done }
        post(.execution(execution, events))
        return execution.status == .running ? .again(.changed, watchingRunning: true) : .done
    }

    /// Runs `body` now, then again after the policy's wait, until it is done or cancelled.
    func loop(
        _ feed: RefreshFeed, _ cadence: RefreshPolicy, body: @escaping @Sendable () async throws -> RunResult
    ) {
        tasks[feed]?.cancel()
        tasks[feed] = Task {
            var wait = cadence.base
            while !Task.isCancelled {
                guard let result = await self.runOnce(feed, cadence: cadence, previousWait: wait, body: body) else {
                    return
                }
                switch result.run {
                case .done: return
                case .after(let fixed): wait = result.wait ?? fixed
                case .again(let outcome, let running):
                    wait = result.wait ?? cadence.next(after: wait, outcome: outcome, watchingRunning: running)
                }
                do { try await self.clock.sleep(for: wait) } catch { return }
            }
        }
    }

    /// Runs a feed once; nil when cancelled. While the same feed is still loading (a loop
    /// restarted during a load cancels the old loop, whose load then finishes on its own), this
    /// run is skipped and tried again shortly — ending here would leave the feed with no loop at
    /// all (found by a fresh-clone CI run: a submit during a slow executions load, and the list
    /// never refreshed again).
    func runOnce(
        _ feed: RefreshFeed, cadence: RefreshPolicy, previousWait: Duration,
        body: @Sendable () async throws -> RunResult
    ) async -> (run: RunResult, wait: Duration?)? {
        guard !inFlight.contains(feed) else { return (.again(.unchanged, watchingRunning: false), .milliseconds(250)) }
        inFlight.insert(feed)
        defer { inFlight.remove(feed) }
        loads[feed, default: 0] += 1
        // Seen by the dashboard: no answer for `stallAfter` shows as stalled, not live.
        loadsInFlight.begin(feed, at: clock.now())
        defer { loadsInFlight.end(feed) }
        do {
            let result = try await body()
            if let changed = health.succeeded(feed, now: clock.now()) { post(.health(changed)) }
            return (result, nil)
        } catch is CancellationError {
            return nil
        } catch {
            if Task.isCancelled { return nil }
            let failure = LoadFailure(error)
            let outcome: RefreshPolicy.Outcome = failure.kind == .throttled ? .throttled : .failed
            let wait = cadence.next(after: previousWait, outcome: outcome, watchingRunning: false)
            let retryAt = clock.now().addingTimeInterval(wait.seconds)
            if let changed = health.failed(feed, failure, retryAt: retryAt, now: clock.now()) { post(.health(changed)) }
            return (.again(outcome, watchingRunning: false), wait)
        }
    }

    /// A load that runs once (submitting, a lookup); its failure is a note, not a standing problem.
    /// One of a kind at a time, in the order asked: a second submit or stop waits for the first —
    /// cancelling it would abandon a request the operator made (issue 24).
    func oneShot(_ feed: RefreshFeed, _ body: @escaping @Sendable () async throws -> Void) {
        let previous = tasks[feed]
        tasks[feed] = Task {
            await previous?.value
            do {
                try await body()
            } catch is CancellationError {
            } catch {
                let message = LoadFailure(error).message
                self.post(feed == .submit ? .submitFailed(message) : .notice(message))
            }
        }
    }

    // MARK: The loads

    /// One read of orders (what `LoadedOrders` chooses); posted when what is held changed.
    func loadOrders() async throws -> RunResult {
        let post = self.post
        let shown = try await orders.refresh { progress in
            post(.orders(OrderIndex(progress.orders, windowLimit: progress.windowLimit), loading: true))
        }
        if let shown { post(.orders(index(shown), loading: false)) }
        return .again(shown == nil ? .unchanged : .changed, watchingRunning: watched != nil)
    }

    func refreshExecutions(_ machine: MachineInfo) async throws -> RunResult {
        guard let monitor = monitors[machine.name] else { return .done }
        let changes = try await monitor.refresh()
        let list = await monitor.executions
        if !changes.isEmpty || loads[.executions(machine: machine.name)] == 1 {
            post(.executions(machine: machine.name, list))
        }
        let running = list.contains { $0.status == .running }
        return .again(changes.isEmpty ? .unchanged : .changed, watchingRunning: running)
    }

    func pollLogs() async throws -> RunResult {
        if logTail == nil {
            logTail = try await source.logTail(since: clock.now().addingTimeInterval(-logsLookback))
            if logTail == nil { return .done }
        }
        guard let tail = logTail else { return .done }
        let batch = try await tail.poll()
        if let mode = await tail.takeModeChange() { post(.logsMode(mode)) }
        if !batch.isEmpty {
            post(.logs(batch))
            // The first round is the lookback's backlog, which the first loads read anyway.
            if logBacklogRead && logDrivenRefresh { reactToLogs(batch) }
        }
        logBacklogRead = true
        return .again(batch.isEmpty ? .unchanged : .changed, watchingRunning: logsVisible)
    }
}
