import Foundation

/// Caches temporary credentials and refreshes them before they expire, one refresh at a time.
///
/// Refreshing `refreshWindow` before expiry (5 minutes, like the SDKs, or half the lifetime for
/// very short-lived credentials) means no request is signed with credentials about to lapse.
public actor CachedCredentialProvider: CredentialProvider {
    public nonisolated let name: String
    private let base: any CredentialProvider
    private let now: @Sendable () -> Date
    private let refreshWindow: TimeInterval
    private var cached: AWSCredentials?
    private var fetchedAt: Date?
    private var inFlight: Task<AWSCredentials?, any Error>?

    public init(
        _ base: any CredentialProvider, refreshWindow: TimeInterval = 300,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.base = base
        self.name = base.name
        self.now = now
        self.refreshWindow = refreshWindow
    }

    public func credentials() async throws -> AWSCredentials? {
        if let cached, !needsRefresh(cached) { return cached }
        if let inFlight { return try await inFlight.value }
        let task = Task { [base] in try await base.credentials() }
        inFlight = task
        defer { inFlight = nil }
        let fresh = try await task.value
        cached = fresh
        fetchedAt = now()
        return fresh
    }

    /// Forgets the cached value, e.g. after the service said the token expired.
    public func invalidate() {
        cached = nil
    }

    private func needsRefresh(_ credentials: AWSCredentials) -> Bool {
        guard let expiration = credentials.expiration else { return false }
        let current = now()
        var window = refreshWindow
        if let fetchedAt {
            window = min(window, expiration.timeIntervalSince(fetchedAt) / 2)
        }
        return expiration.timeIntervalSince(current) <= window
    }
}
