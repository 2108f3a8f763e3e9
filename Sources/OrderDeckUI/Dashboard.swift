import Foundation
import OrderDeckCore
import TerminalUI

/// The controller the terminal loop drives: keys go to the state, effects go to the loaders,
/// updates from the loaders come in through the inbox. Confined to the terminal thread.
public final class Dashboard {
    public private(set) var state: DashboardState
    let loaders: DataLoaders
    let inbox: Inbox
    let now: () -> Date
    private var lastHeight = 24
    private var clipboard: String?
    private var editRequest: String?
    /// Set when the operator asked for another stack (`:stack NAME`); the dashboard then quits so
    /// the caller can reopen it on that stack.
    public private(set) var requestedStack: String?

    public init(state: DashboardState, loaders: DataLoaders, inbox: Inbox, now: @escaping () -> Date = { Date() }) {
        self.state = state
        self.loaders = loaders
        self.inbox = inbox
        self.now = now
    }

    public func start() { loaders.startAll() }
    public func stop() { loaders.stopAll() }

    /// Returns false to quit.
    public func handle(_ key: TerminalUI.Key) -> Bool {
        state.now = now()
        for effect in state.handle(key, height: lastHeight) {
            switch effect {
            case .quit: return false
            case .switchStack(let name):
                requestedStack = name
                return false
            case .watchDetail(let arn): loaders.watchDetail(arn)
            case .stopWatching: loaders.stopWatching()
            case .submit(let order): loaders.submit(order)
            case .resend(let id): loaders.resend(id)
            case .copy(let text): clipboard = text
            case .editTemplate(let text): editRequest = text
            case .refresh:
                loaders.stopAll()
                loaders.startAll()
                if let arn = state.detailArn, state.screen == .detail { loaders.watchDetail(arn) }
            }
        }
        return true
    }

    public func applyPendingUpdates() -> Bool {
        let updates = inbox.drain()
        guard !updates.isEmpty else { return false }
        for update in updates { state.apply(update) }
        state.now = now()
        return true
    }

    public func render(into buffer: inout ScreenBuffer) {
        lastHeight = buffer.height
        state.now = now()
        DashboardView.render(state, into: &buffer)
    }

    /// While something visible is RUNNING its elapsed time ticks once a second; otherwise nothing
    /// on screen changes by itself and the loop sleeps until a key or an update.
    public var nextTick: Int? {
        let running =
            (state.screen == .executions && state.visibleExecutions.contains { $0.status == "RUNNING" })
            || ((state.screen == .detail || state.screen == .submit) && state.detail?.status == "RUNNING")
        return running ? 1000 : nil
    }

    public func takeEditRequest() -> String? {
        defer { editRequest = nil }
        return editRequest
    }

    public func finishEdit(_ text: String?, problem: String?) {
        state.applyEditedTemplate(text, problem: problem)
    }

    public func takeClipboardRequest() -> String? {
        defer { clipboard = nil }
        return clipboard
    }
}
