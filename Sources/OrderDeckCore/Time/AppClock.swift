import Foundation

/// Where the dashboard's and the log tail's time comes from: what time it is and how to wait.
/// Live code uses `SystemClock`; tests use a manual clock they advance, so behaviour over time
/// (refresh cadence, back-off, expiring notes, elapsed times) is tested without waiting.
public protocol AppClock: Sendable {
    func now() -> Date
    /// Waits `duration` (throws `CancellationError` when the task is cancelled).
    func sleep(for duration: Duration) async throws
}

/// Wall time and `Task.sleep`: the one place OrderDeck's upper half waits for real.
public struct SystemClock: AppClock {
    public init() {}
    public func now() -> Date { Date() }
    public func sleep(for duration: Duration) async throws { try await Task.sleep(for: duration) }
}
