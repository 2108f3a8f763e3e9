import Synchronization

/// The hand-over point between background tasks and the terminal thread: tasks post, the
/// terminal loop drains. Posting wakes the loop, so it never polls on a timer.
public final class Inbox: Sendable {
    private let pending = Mutex<[DashboardUpdate]>([])
    private let wake: @Sendable () -> Void

    public init(wake: @escaping @Sendable () -> Void = {}) { self.wake = wake }

    public func post(_ update: DashboardUpdate) {
        pending.withLock { $0.append(update) }
        wake()
    }

    public func drain() -> [DashboardUpdate] {
        pending.withLock { updates in
            defer { updates.removeAll() }
            return updates
        }
    }
}
