import Foundation
import OrderDeckCore

/// The refresher's health as an explicit state machine: what each feed's success or failure, and
/// the client's throttling reports, do to the `RefreshHealth` the header shows. A failure stands
/// until every failing feed has worked again; then it is `recovered`.
struct HealthTracker: Sendable {
    private(set) var state: RefreshHealth = .loading
    private var failing: [RefreshFeed: (since: Date, message: String, retryAt: Date)] = [:]
    private var throttledUntil: Date?

    /// A feed loaded; returns the new state when it changed.
    mutating func succeeded(_ feed: RefreshFeed, now: Date) -> RefreshHealth? {
        failing[feed] = nil
        if let until = throttledUntil {
            // Throttled until then: one call getting through does not end it.
            guard now >= until else { return nil }
            throttledUntil = nil
        }
        guard failing.isEmpty else { return nil }
        switch state {
        case .loading: return transition(to: .live)
        case .failing, .throttled: return transition(to: .recovered(at: now))
        case .live, .recovered, .stalled: return nil
        }
    }

    /// A feed failed; it is retried at `retryAt`.
    mutating func failed(_ feed: RefreshFeed, _ failure: LoadFailure, retryAt: Date, now: Date) -> RefreshHealth? {
        switch failure.kind {
        case .throttled:
            return throttled(until: retryAt)
        case .failed:
            let since = failing[feed]?.since ?? now
            failing[feed] = (since, failure.message, retryAt)
            let first = failing.values.map(\.since).min() ?? since
            // The next retry of any failing feed: the countdown the header shows runs down steadily
            // instead of jumping to whichever feed failed last (1 → 2 → 10 s, seen by a new operator).
            let next = failing.values.map(\.retryAt).filter { $0 >= now }.min() ?? retryAt
            return transition(to: .failing(since: first, message: failure.message, retryAt: next))
        }
    }

    /// The service throttles (a feed's failure, or the client retrying a throttled call).
    mutating func throttled(until: Date) -> RefreshHealth? {
        throttledUntil = max(throttledUntil ?? until, until)
        guard failing.isEmpty else { return nil }
        return transition(to: .throttled(until: throttledUntil ?? until))
    }

    private mutating func transition(to new: RefreshHealth) -> RefreshHealth? {
        guard new != state else { return nil }
        state = new
        return new
    }
}
