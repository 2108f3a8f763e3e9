/// An answer whose body is read as it arrives (an event stream open for hours), not buffered.
public struct HTTPStreamingResponse: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    /// The body in the chunks the server sent; ends when the server closes it, throws
    /// `AWSClientError.network` when the connection breaks.
    public var body: AsyncThrowingStream<[UInt8], any Error>

    public init(status: Int, headers: [(String, String)] = [], body: AsyncThrowingStream<[UInt8], any Error>) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A buffered answer as a stream of one chunk (what a transport without streaming gives).
    public init(buffered response: HTTPResponse) {
        let body = response.body
        self.init(
            status: response.status, headers: response.headers,
            body: AsyncThrowingStream { continuation in
                if !body.isEmpty { continuation.yield(body) }
                continuation.finish()
            })
    }

    /// The rest of the body, buffered (for reading an error answer).
    public func collected() async throws -> HTTPResponse {
        var bytes: [UInt8] = []
        for try await chunk in body { bytes += chunk }
        return HTTPResponse(status: status, headers: headers, body: bytes)
    }
}
