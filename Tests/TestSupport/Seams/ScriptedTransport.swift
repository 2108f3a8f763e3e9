import AWSClient
import Foundation
import Synchronization

/// A transport seam for tests: records what was sent and lets a test rewrite requests or answer
/// instead of the network (scripted faults, clock-skew answers, corrupted signatures).
public final class ScriptedTransport: HTTPTransport, Sendable {
    public typealias Handler = @Sendable (HTTPRequest, Int) async throws -> HTTPResponse?

    private let inner: any HTTPTransport
    private let handler: Handler
    private let state = Mutex<[HTTPRequest]>([])

    /// `handler` sees each request with its 0-based number; returning nil passes it to `inner`.
    public init(inner: any HTTPTransport = AsyncHTTPTransport(), handler: @escaping Handler) {
        self.inner = inner
        self.handler = handler
    }

    public var requests: [HTTPRequest] { state.withLock { $0 } }

    public func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
        let number = state.withLock { sent in
            sent.append(request)
            return sent.count - 1
        }
        if let answer = try await handler(request, number) { return answer }
        return try await inner.send(request, timeout: timeout)
    }
}
