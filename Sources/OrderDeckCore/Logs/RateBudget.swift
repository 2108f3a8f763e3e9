import AWSClient
import Foundation

/// A token bucket shared by every caller of a rate-limited API (CloudWatch Logs allows a few
/// FilterLogEvents calls per second per account and region): callers wait for a token instead of
/// being throttled, and a throttling answer drains the bucket so everyone slows down together.
public actor RateBudget {
    private let rate: Double
    private let burst: Double
    private var tokens: Double
    private let clock: any AppClock
    private var updated: Date
    private var pausedUntil: Date?

    public init(ratePerSecond: Double, burst: Double, clock: any AppClock = SystemClock()) {
        self.rate = ratePerSecond
        self.burst = burst
        self.tokens = burst
        self.clock = clock
        self.updated = clock.now()
    }

    /// Waits until a call may be made.
    public func acquire() async throws {
        while true {
            let now = clock.now()
            if let pausedUntil, pausedUntil > now {
                try await clock.sleep(for: .milliseconds(Int64(pausedUntil.timeIntervalSince(now) * 1000) + 1))
                continue
            }
            tokens = min(burst, tokens + now.timeIntervalSince(updated) * rate)
            updated = now
            if tokens >= 1 {
                tokens -= 1
                return
            }
            try await clock.sleep(for: .milliseconds(Int64((1 - tokens) / rate * 1000) + 1))
        }
    }

    /// The service said "too fast": nobody calls for `duration`.
    public func backOff(for duration: Duration) {
        tokens = 0
        pausedUntil = clock.now().addingTimeInterval(duration.seconds)
    }
}
