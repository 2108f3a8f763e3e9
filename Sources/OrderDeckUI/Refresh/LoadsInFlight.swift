import Foundation
import Synchronization

/// When each periodic load still waiting for its answer began: written by the refresher, read by
/// the dashboard on its own thread, so a stack that stopped answering (a SIGSTOPped server, a hung
/// connection) shows as stalled while the request has not yet timed out — without a timer per load.
public final class LoadsInFlight: Sendable {
    private let started = Mutex<[RefreshFeed: Date]>([:])

    public init() {}

    func begin(_ feed: RefreshFeed, at date: Date) { started.withLock { $0[feed] = date } }
    func end(_ feed: RefreshFeed) { started.withLock { _ = $0.removeValue(forKey: feed) } }

    /// When the longest-waiting load began (nil: none is waiting).
    public var oldest: Date? { started.withLock { $0.values.min() } }
}
