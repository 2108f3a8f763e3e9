import Synchronization

/// A gate a fake's call waits at while it is held — a server that stopped answering, opened by
/// the test when it has done what it wanted to do meanwhile. `waitUntilHeld` lets the test know
/// a call is suspended there (and so holds whatever it took before its `await`).
public final class CallGate: Sendable {
    private struct State {
        var held = false
        var waiting: [CheckedContinuation<Void, Never>] = []
        var watchers: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []
    }

    private let state = Mutex(State())

    public init() {}

    public func hold() { state.withLock { $0.held = true } }

    /// Opens the gate: every waiting call goes on, and later ones pass.
    public func release() {
        let waiting = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.held = false
            defer { state.waiting = [] }
            return state.waiting
        }
        for continuation in waiting { continuation.resume() }
    }

    /// Returns once `count` calls are waiting at the gate.
    public func waitUntilHeld(_ count: Int = 1) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let now = state.withLock { state -> Bool in
                guard state.waiting.count < count else { return true }
                state.watchers.append((count, continuation))
                return false
            }
            if now { continuation.resume() }
        }
    }

    /// Where a fake's call waits while the gate is held.
    public func pass() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let ready = state.withLock { state -> [CheckedContinuation<Void, Never>]? in
                guard state.held else { return nil }
                state.waiting.append(continuation)
                let count = state.waiting.count
                let ready = state.watchers.filter { $0.count <= count }.map(\.continuation)
                state.watchers.removeAll { $0.count <= count }
                return ready
            }
            guard let ready else { return continuation.resume() }
            for watcher in ready { watcher.resume() }
        }
    }
}
