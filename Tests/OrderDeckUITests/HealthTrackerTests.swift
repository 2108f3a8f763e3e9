import Foundation
import OrderDeckCore
import Testing

@testable import OrderDeckUI

/// The header's "retrying in N s" while the stack is down: the next retry of any failing feed, so
/// it counts down instead of jumping to whichever feed failed last.
@Suite struct HealthTrackerTests {
    let start = Date(timeIntervalSince1970: 1_790_000_000)
    let down = LoadFailure(kind: .failed, message: "connection refused")

    func retryAt(_ health: RefreshHealth?) -> Date? {
        guard case .failing(_, _, let retryAt)? = health else { return nil }
        return retryAt
    }

    @Test func theCountdownIsTheSoonestRetryOfAnyFailingFeed() {
        var tracker = HealthTracker()
        // Orders fail first and back off to 10 s; the log tail fails next, retried in 1 s.
        let first = tracker.failed(.orders, down, retryAt: start.addingTimeInterval(10), now: start)
        #expect(retryAt(first) == start.addingTimeInterval(10))
        let second = tracker.failed(
            .logs, down, retryAt: start.addingTimeInterval(1.5), now: start.addingTimeInterval(0.5))
        #expect(retryAt(second) == start.addingTimeInterval(1.5))
        // The executions feed fails with a longer wait: the soonest retry still shows.
        _ = tracker.failed(.machines, down, retryAt: start.addingTimeInterval(8), now: start.addingTimeInterval(0.8))
        #expect(retryAt(tracker.state) == start.addingTimeInterval(1.5))
        // The log tail retried and failed again (3 s): the soonest is now its, not the 10 s one.
        _ = tracker.failed(.logs, down, retryAt: start.addingTimeInterval(4.5), now: start.addingTimeInterval(1.5))
        #expect(retryAt(tracker.state) == start.addingTimeInterval(4.5))
        // Retries whose time has passed (under way) do not count.
        _ = tracker.failed(.logs, down, retryAt: start.addingTimeInterval(12), now: start.addingTimeInterval(9))
        #expect(retryAt(tracker.state) == start.addingTimeInterval(10))
        if case .failing(let since, _, _) = tracker.state {
            #expect(since == start)
        } else {
            Issue.record("not failing")
        }
    }

    @Test func everyFeedWorkingAgainIsARecovery() {
        var tracker = HealthTracker()
        _ = tracker.failed(.orders, down, retryAt: start.addingTimeInterval(2), now: start)
        _ = tracker.failed(.logs, down, retryAt: start.addingTimeInterval(1), now: start)
        #expect(tracker.succeeded(.orders, now: start.addingTimeInterval(2)) == nil)
        #expect(
            tracker.succeeded(.logs, now: start.addingTimeInterval(3)) == .recovered(at: start.addingTimeInterval(3)))
    }
}
