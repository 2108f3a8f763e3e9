/// The SDKs' "standard" retry mode: retry throttling, transient errors, 5xx and network failures,
/// up to `maxAttempts` in all, waiting a random time in [0, min(base·2^(n-1), maxBackoff)]
/// ("full jitter") before attempt n+1.
public struct RetryPolicy: Sendable {
    public var maxAttempts: Int
    public var baseDelay: Duration
    public var maxBackoff: Duration
    /// Returns a number in [0, 1); injected so tests are repeatable.
    public var random: @Sendable () -> Double

    public init(
        maxAttempts: Int = 3, baseDelay: Duration = .seconds(1), maxBackoff: Duration = .seconds(20),
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxBackoff = maxBackoff
        self.random = random
    }

    /// How long to wait after failed attempt number `attempt` (1-based).
    public func delay(afterAttempt attempt: Int) -> Duration {
        let exponent = Double(1 << min(max(attempt - 1, 0), 30))
        let ceiling = min(baseDelay.seconds * exponent, maxBackoff.seconds)
        return .milliseconds(Int64(random() * ceiling * 1000))
    }

    /// Whether an error is worth another attempt.
    public func isRetryable(_ error: any Error) -> Bool {
        switch error {
        case let service as AWSServiceError:
            return service.isThrottling || service.isTransient
        case let client as AWSClientError:
            if case .network = client { return true }
            if case .invalidResponse = client { return true }
            return false
        default:
            return false
        }
    }
}

extension Duration {
    /// The duration in (fractional) seconds.
    public var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
