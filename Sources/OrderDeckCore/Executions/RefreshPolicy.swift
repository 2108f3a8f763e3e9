/// How often live views poll: fast while something the operator watches is RUNNING, slower and
/// slower while nothing changes, and much slower while the service throttles.
public struct RefreshPolicy: Sendable, Equatable {
    public var base: Duration
    public var watching: Duration
    public var maximum: Duration
    public var throttledMinimum: Duration
    /// A refresh with no answer for this long shows as stalled (a stack stopped or hung), well
    /// before its request times out and fails.
    public var stallAfter: Duration = .seconds(10)

    public init(
        base: Duration = .seconds(2), watching: Duration = .milliseconds(500), maximum: Duration = .seconds(30),
        throttledMinimum: Duration = .seconds(8)
    ) {
        self.base = base
        self.watching = watching
        self.maximum = maximum
        self.throttledMinimum = throttledMinimum
    }

    public enum Outcome: Sendable, Equatable {
        case changed
        case unchanged
        case throttled
        case failed
    }

    /// The wait before the next refresh, given the last wait and what the last refresh found.
    public func next(after previous: Duration, outcome: Outcome, watchingRunning: Bool) -> Duration {
        switch outcome {
        case .throttled:
            return min(maximum, max(throttledMinimum, previous * 2))
        case .failed:
            // A stack that went away is retried at least every 10 s, so the view comes back soon after it does.
            return min(min(maximum, .seconds(10)), max(base, previous * 2))
        case .changed:
            return watchingRunning ? watching : base
        case .unchanged:
            if watchingRunning { return watching }
            return min(maximum, max(base, previous * 3 / 2))
        }
    }
}
