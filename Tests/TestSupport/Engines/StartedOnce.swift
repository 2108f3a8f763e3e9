/// An engine the tests start once per process, or why it cannot run on this machine (then the
/// suites that need it say so in one loud line and skip).
public enum EngineAvailability<Deployed: Sendable>: Sendable {
    case ready(Deployed)
    case unavailable(String)
}

/// Starts something once per test process, on first use: later callers wait for that same start
/// (and see its error), so suites running side by side never start two.
public actor StartedOnce<Value: Sendable> {
    private let start: @Sendable () async throws -> Value
    private var started: Task<Value, any Error>?

    public init(_ start: @escaping @Sendable () async throws -> Value) { self.start = start }

    public func value() async throws -> Value {
        if let started { return try await started.value }
        let task = Task { try await start() }
        started = task
        return try await task.value
    }
}
