import Foundation

/// One HTTP exchange, in the plain form the client builds and the transport sends.
public struct HTTPRequest: Sendable, Equatable {
    public var method: String
    /// `scheme://host[:port]`, no trailing slash.
    public var origin: String
    /// Path as sent on the wire (percent-encoded).
    public var path: String
    /// Query string as sent on the wire, without `?`.
    public var query: String
    public var headers: [(String, String)]
    public var body: [UInt8]

    public init(
        method: String, origin: String, path: String = "/", query: String = "", headers: [(String, String)] = [],
        body: [UInt8] = []
    ) {
        self.method = method
        self.origin = origin
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    public var url: String { origin + path + (query.isEmpty ? "" : "?" + query) }

    public static func == (lhs: HTTPRequest, rhs: HTTPRequest) -> Bool {
        lhs.method == rhs.method && lhs.url == rhs.url && lhs.body == rhs.body
            && lhs.headers.map { "\($0.0):\($0.1)" } == rhs.headers.map { "\($0.0):\($0.1)" }
    }
}

public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(String, String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.0.lowercased() == lowered }?.1
    }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}

/// The seam between the client and the network: tests put faults here, production uses
/// `AsyncHTTPTransport`. Errors without an HTTP answer are thrown as `AWSClientError.network`.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse
    /// The answer as soon as its head arrives, the body read as the server sends it; `timeout`
    /// bounds the whole exchange, body included.
    func stream(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPStreamingResponse
}

extension HTTPTransport {
    /// Buffered: the whole answer through `send`, then handed over as one chunk (what scripted and
    /// fault-injecting transports give without further work).
    public func stream(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPStreamingResponse {
        HTTPStreamingResponse(buffered: try await send(request, timeout: timeout))
    }
}
