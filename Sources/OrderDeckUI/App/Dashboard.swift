import Foundation
import OrderDeckCore
import TerminalUI

/// The controller the event loop drives: keys go to the state, effects go to the refresher,
/// updates from the refresher come in through the inbox. Time comes from the injected clock.
/// Confined to the event loop's thread.
public final class Dashboard: TerminalApplication {
    public private(set) var state: DashboardState
    /// Where background work hands in updates (Sendable: watchers of the composition root post here).
    public let inbox: Inbox
    let clock: any AppClock
    let refresher: Refresher
    private var refresherTask: Task<Void, Never>?
    /// The Overview's figures being worked out, and whether the data changed again meanwhile
    /// (one at a time: a burst of updates costs one more pass, not one each).
    private var overviewWork: Task<Void, Never>?
    private var overviewAgain = false
    /// The orders filter being matched off the terminal thread (one at a time).
    private var filterWork: Task<Void, Never>?
    private var clipboard: String?
    private var editRequest: String?
    /// Set when the operator asked for another stack (`:stack NAME`); the dashboard then quits so
    /// the caller can reopen it on that stack.
    public private(set) var requestedStack: String?
    /// An update (not a key) ended the dashboard: it reopens on `requestedStack`.
    public private(set) var isFinished = false

    /// The composition of a dashboard over a data source: the inbox wakes the loop with `wake`.
    public convenience init(
        state: DashboardState, source: any DashboardSource, clock: any AppClock,
        policy: RefreshPolicy = RefreshPolicy(), orderWindow: Int = StackConfig.defaultOrderWindow,
        logDrivenRefresh: Bool = true, wake: @escaping @Sendable () -> Void = {}
    ) {
        let inbox = Inbox(wake: wake)
        let refresher = Refresher(
            source: source, clock: clock, policy: policy, orderWindow: orderWindow, logDrivenRefresh: logDrivenRefresh,
            post: { inbox.post($0) }, wake: wake)
        self.init(state: state, inbox: inbox, clock: clock, refresher: refresher)
    }

    public init(state: DashboardState, inbox: Inbox, clock: any AppClock, refresher: Refresher) {
        self.state = state
        self.inbox = inbox
        self.clock = clock
        self.refresher = refresher
        self.state.now = clock.now()
    }

    /// Starts the background loads.
    public func start() {
        let refresher = self.refresher
        refresherTask = Task { await refresher.run() }
    }

    /// Stops every background load.
    public func stop() {
        refresherTask?.cancel()
        overviewWork?.cancel()
        filterWork?.cancel()
    }

    public func handle(_ key: Key) -> Bool {
        state.now = clock.now()
        let before = state.screen
        let effects = state.handle(key) + state.takePendingEffects()
        if state.screen != before {
            // Each screen says what the refresher should know when it comes and goes.
            if let command = state.screens[before].shown?(false) { refresher.send(command) }
            if let command = state.screens[state.screen].shown?(true) { refresher.send(command) }
        }
        return perform(effects)
    }

    /// Keys that came together: a run of characters typed into an open prompt (a paste) is one
    /// edit — the filter is applied once for the whole run, not once per character.
    public func handle(batch keys: [Key]) -> Bool {
        var index = 0
        while index < keys.count {
            if state.prompt != nil, case .character = keys[index] {
                var text = ""
                while index < keys.count, case .character(let character) = keys[index] {
                    text.append(character)
                    index += 1
                }
                state.now = clock.now()
                guard perform(state.type(text) + state.takePendingEffects()) else { return false }
                continue
            }
            guard handle(keys[index]) else { return false }
            index += 1
        }
        return true
    }

    /// Carries out effects; false to quit.
    func perform(_ effects: [Effect]) -> Bool {
        for effect in effects {
            switch effect {
            case .quit: return false
            case .switchStack(let name):
                requestedStack = name
                return false
            case .watch(let arn): refresher.send(.watch(arn))
            case .stopWatching: refresher.send(.stopWatching)
            case .watchMapRun(let arn): refresher.send(.watchMapRun(arn))
            case .stopWatchingMapRun: refresher.send(.stopWatchingMapRun)
            case .submit(let order, let door): refresher.send(.submit(order, door))
            case .resend(let id): refresher.send(.resend(id))
            case .stop(let arn, let error, let cause): refresher.send(.stop(arn, error: error, cause: cause))
            case .redrive(let arns): refresher.send(.redrive(arns))
            case .copy(let text): clipboard = text
            case .export(let path, let text, let summary):
                state.say(Self.write(text, to: path, summary: summary, home: state.homeDirectory))
            case .editTemplate(let text): editRequest = text
            case .refresh: refresher.send(.refreshNow)
            case .findOrder(let id, let userId): refresher.send(.findOrder(id, userId: userId))
            case .loadOlderOrders: refresher.send(.loadOlderOrders)
            case .workOutOverview: workOutOverview()
            case .filterOrders(let job): filter(job)
            case .diff(let a, let b): refresher.send(.diff(a, b))
            case .replay(let arn): refresher.send(.replay(arn))
            case .functionLogs(let window): refresher.send(.functionLogs(window))
            }
        }
        return true
    }

    /// Matches a filter off the terminal thread; the job before it is cancelled (its filter is
    /// no longer the one typed), so a pasted pattern costs one pass, not one per character.
    private func filter(_ job: OrderFilterJob) {
        filterWork?.cancel()
        let inbox = self.inbox
        filterWork = Task.detached(priority: .userInitiated) {
            guard let rows = job.run(), !Task.isCancelled else { return }
            inbox.post(.ordersFiltered(job, rows: rows))
        }
    }

    /// Starts working out the Overview's figures from what is loaded now, or — while a pass
    /// runs — notes that another is due when it ends.
    private func workOutOverview() {
        guard overviewWork == nil else {
            overviewAgain = true
            return
        }
        let inputs = state.overviewInputs
        let inbox = self.inbox
        overviewWork = Task.detached(priority: .userInitiated) {
            let figures = inputs.workOut()
            if !Task.isCancelled { inbox.post(.overviewFigures(figures)) }
        }
    }

    /// Writes an export (~ expanded, relative to the working directory); the note it gives.
    /// Writes an export: `~` is the operator's `$HOME` (`home`), not the account's home from the
    /// password file; the file is the owner's alone (0600, as the journal and config), written
    /// whole or not at all.
    static func write(_ text: String, to path: String, summary: String, home: String?) -> String {
        let expanded =
            if let home, path == "~" || path.hasPrefix("~/") { home + path.dropFirst() } else {
                (path as NSString).expandingTildeInPath
            }
        let absolute =
            expanded.hasPrefix("/") ? expanded : FileManager.default.currentDirectoryPath + "/" + expanded
        let temporary = absolute + ".tmp-\(getpid())"
        do {
            try FileManager.default.createDirectory(
                atPath: (absolute as NSString).deletingLastPathComponent, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
            guard
                FileManager.default.createFile(
                    atPath: temporary, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]),
                rename(temporary, absolute) == 0
            else {
                try? FileManager.default.removeItem(atPath: temporary)
                return "export failed: cannot write \(absolute)"
            }
            return "exported \(summary) to \(absolute)"
        } catch {
            return "export failed: cannot write \(absolute)"
        }
    }

    public func resized(to size: TerminalSize) {
        state.resized(to: size)
    }

    public func applyPendingUpdates() -> Bool {
        state.now = clock.now()
        let stalled = stalledSince(now: state.now)
        let stallChanged = stalled != state.stalledSince
        state.stalledSince = stalled
        let updates = inbox.drain()
        for update in updates {
            if case .overviewFigures = update { overviewWork = nil }
            state.apply(update)
        }
        if overviewAgain, overviewWork == nil {
            overviewAgain = false
            if state.screen == .overview { workOutOverview() }
        }
        if !perform(state.takePendingEffects()) { isFinished = true }
        return !updates.isEmpty || stallChanged
    }

    /// When the refresh now waiting longest began, if it has waited past `stallAfter`.
    func stalledSince(now: Date) -> Date? {
        guard let oldest = refresher.loadsInFlight.oldest,
            now.timeIntervalSince(oldest) >= refresher.policy.stallAfter.seconds
        else { return nil }
        return oldest
    }

    public func render(into buffer: inout ScreenBuffer) {
        state.now = clock.now()
        DashboardView.render(state, into: &buffer)
    }

    /// Something on screen changes by itself: a note expires, a running execution's elapsed time
    /// ticks, a retry countdown counts. Otherwise the loop sleeps until a key or an update.
    public var nextRedraw: Duration? {
        let now = clock.now()
        var waits: [TimeInterval] = []
        // A refresh waiting for its answer: look again when it would count as stalled.
        if let oldest = refresher.loadsInFlight.oldest {
            let due = refresher.policy.stallAfter.seconds - now.timeIntervalSince(oldest)
            waits.append(due > 0 ? due : 1)
        }
        if let note = state.visibleNote { waits.append(note.expires.timeIntervalSince(now)) }
        let ticking = state.shownHealth.isCountingDown || state.screens[state.screen].ticks(state)
        if ticking { waits.append(1) }
        guard let wait = waits.min() else { return nil }
        return .milliseconds(max(10, Int((wait * 1000).rounded(.up))))
    }

    public func takeClipboardRequest() -> String? {
        defer { clipboard = nil }
        return clipboard
    }

    public func takeEditRequest() -> String? {
        defer { editRequest = nil }
        return editRequest
    }

    public func finishEdit(_ outcome: EditOutcome) {
        state.applyEditedTemplate(outcome.text, problem: outcome.problem)
        // Invalid JSON comes back as a new edit request (the text and the error), not dropped.
        var reopened: String?
        state.pendingEffects.removeAll { effect in
            guard case .editTemplate(let text) = effect else { return false }
            reopened = text
            return true
        }
        if let reopened { editRequest = reopened }
    }
}
