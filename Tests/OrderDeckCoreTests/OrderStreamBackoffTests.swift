import Foundation
import OrderDeckCore
import Testing

/// A throttled stream round leaves the service alone for 2 s, doubling to 30 s; a round that
/// works ends it.
@Suite struct OrderStreamBackoffTests {
    @Test func throttlingDoublesTheQuietUpToItsMaximumAndSuccessEndsIt() throws {
        let start = Date(timeIntervalSince1970: 1_000_000)
        var backoff = OrderStreamBackoff()
        #expect(backoff.allows(now: start))
        var waits: [TimeInterval] = []
        var now = start
        for _ in 0..<6 {
            backoff.throttled(now: now)
            let until = try #require(backoff.until)
            waits.append(until.timeIntervalSince(now))
            #expect(!backoff.allows(now: until.addingTimeInterval(-0.001)))
            #expect(backoff.allows(now: until))
            now = until
        }
        #expect(waits == [2, 4, 8, 16, 30, 30])
        backoff.succeeded()
        #expect(backoff.allows(now: now) && backoff.until == nil)
        backoff.throttled(now: now)
        #expect(backoff.until == now.addingTimeInterval(OrderStreamBackoff.first))
    }
}
