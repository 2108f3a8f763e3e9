import AWSClient
import Foundation
import Synchronization

/// A transport seam for tests: records what was sent and lets a test rewrite requests or answer
/// instead of the network (scripted faults, clock-skew answers, corrupted signatures).
public final class ScriptedTransport: HTTPTransport, Sendable {
    public typealias Handler = @Sendable (HTTPRequest, Int) async throws -> HTTPResponse?
    /// Answers a streamed request with a body the test feeds as it likes (nil: as `handler` says).
    public typealias StreamHandler = @Sendable (HTTPRequest, Int) async throws -> HTTPStreamingResponse?

    private let inner: any HTTPTransport
    private let handler: Handler
    private let streamHandler: StreamHandler?
    private let state = Mutex<[HTTPRequest]>([])

    /// `handler` sees each request with its 0-based number; returning nil passes it to `inner`.
    public init(
        inner: any HTTPTransport = AsyncHTTPTransport(), handler: @escaping Handler,
        streamHandler: StreamHandler? = nil
    ) {
        self.inner = inner
        self.handler = handler
        self.streamHandler = streamHandler
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

    /// A streamed request: `streamHandler`'s answer, else `handler`'s as one chunk, else `inner`'s.
    public func stream(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPStreamingResponse {
        let number = state.withLock { sent in
            sent.append(request)
            return sent.count - 1
        }
        if let answer = try await streamHandler?(request, number) { return answer }
        if let answer = try await handler(request, number) { return HTTPStreamingResponse(buffered: answer) }
        return try await inner.stream(request, timeout: timeout)
    }
}
