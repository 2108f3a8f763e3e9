import Foundation
import Synchronization

/// When each periodic load still waiting for its answer began: written by the refresher, read by
/// the dashboard on its own thread, so a stack that stopped answering (a SIGSTOPped server, a hung
/// connection) shows as stalled while the request has not yet timed out — without a timer per load.
public final class LoadsInFlight: Sendable {
    private let started = Mutex<[RefreshFeed: Date]>([:])
    /// Wakes the terminal loop when a load begins, so it sets its timeout to when that load would
    /// count as stalled — an idle loop sleeps with no timeout and would not notice otherwise.
    private let onBegin: @Sendable () -> Void

    public init(onBegin: @escaping @Sendable () -> Void = {}) { self.onBegin = onBegin }

    func begin(_ feed: RefreshFeed, at date: Date) {
        started.withLock { $0[feed] = date }
        onBegin()
    }
    func end(_ feed: RefreshFeed) { started.withLock { _ = $0.removeValue(forKey: feed) } }

    /// When the longest-waiting load began (nil: none is waiting).
    public var oldest: Date? { started.withLock { $0.values.min() } }
}
