import Foundation

/// A token bucket shared by every caller of a rate-limited API (CloudWatch Logs allows a few
/// FilterLogEvents calls per second per account and region): callers wait for a token instead of
/// being throttled, and a throttling answer drains the bucket so everyone slows down together.
public actor RateBudget {
    private let rate: Double
    private let burst: Double
    private var tokens: Double
    private var updated: ContinuousClock.Instant
    private var pausedUntil: ContinuousClock.Instant?

    public init(ratePerSecond: Double, burst: Double) {
        self.rate = ratePerSecond
        self.burst = burst
        self.tokens = burst
        self.updated = .now
    }

    /// Waits until a call may be made.
    public func acquire() async throws {
        while true {
            let now = ContinuousClock.now
            if let pausedUntil, pausedUntil > now {
                try await Task.sleep(until: pausedUntil, clock: .continuous)
                continue
            }
            tokens = min(burst, tokens + (now - updated).seconds * rate)
            updated = now
            if tokens >= 1 {
                tokens -= 1
                return
            }
            try await Task.sleep(for: .milliseconds(Int64((1 - tokens) / rate * 1000) + 1))
        }
    }

    /// The service said "too fast": nobody calls for `duration`.
    public func backOff(for duration: Duration) {
        tokens = 0
        pausedUntil = .now + duration
    }
}
