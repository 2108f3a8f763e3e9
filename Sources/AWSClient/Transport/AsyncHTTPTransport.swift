import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOHTTPCompression

/// HTTP over AsyncHTTPClient's shared client: pooled keep-alive connections, TLS, timeouts, and
/// cancellation that follows the calling Task.
public struct AsyncHTTPTransport: HTTPTransport {
    /// Responses larger than this are refused rather than buffered without bound.
    public var maxResponseBytes: Int
    private let client: HTTPClient

    /// One client for the process, like `HTTPClient.shared`, but failing fast when nothing
    /// listens: AsyncHTTPClient's default retries a refused connect until the request deadline,
    /// which would turn "the stack is down" into a 30-second hang. Our retry policy retries instead.
    public static let sharedClient: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .seconds(5), read: .seconds(60))
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 16
        configuration.decompression = .enabled(limit: .ratio(50))
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    public init(client: HTTPClient = AsyncHTTPTransport.sharedClient, maxResponseBytes: Int = 512 * 1024 * 1024) {
        self.client = client
        self.maxResponseBytes = maxResponseBytes
    }

    public func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for (name, value) in request.headers { outgoing.headers.add(name: name, value: value) }
        if !request.body.isEmpty || request.method == "POST" || request.method == "PUT" {
            outgoing.body = .bytes(ByteBuffer(bytes: request.body))
        }
        let seconds = Int64(timeout.components.seconds) + (timeout.components.attoseconds > 0 ? 1 : 0)
        do {
            let response = try await client.execute(outgoing, timeout: .seconds(seconds))
            var body = try await response.body.collect(upTo: maxResponseBytes)
            let bytes = body.readBytes(length: body.readableBytes) ?? []
            return HTTPResponse(
                status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) }, body: bytes)
        } catch let error as AWSClientError {
            throw error
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            if Task.isCancelled { throw CancellationError() }
            throw AWSClientError.network(endpoint: request.origin, reason: Self.describe(error))
        }
    }

    public func stream(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPStreamingResponse {
        let seconds = Int64(timeout.components.seconds) + (timeout.components.attoseconds > 0 ? 1 : 0)
        let response: HTTPClientResponse
        do {
            response = try await client.execute(outgoing(request), timeout: .seconds(seconds))
        } catch {
            throw Self.failure(error, request: request)
        }
        let (body, continuation) = AsyncThrowingStream<[UInt8], any Error>.makeStream()
        let reader = Task {
            do {
                for try await chunk in response.body {
                    continuation.yield(Array(buffer: chunk))
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: Self.failure(error, request: request))
            }
        }
        // The consumer stopping (or its task cancelled) closes the connection.
        continuation.onTermination = { _ in reader.cancel() }
        return HTTPStreamingResponse(
            status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) }, body: body)
    }

    private func outgoing(_ request: HTTPRequest) -> HTTPClientRequest {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for (name, value) in request.headers { outgoing.headers.add(name: name, value: value) }
        if !request.body.isEmpty || request.method == "POST" || request.method == "PUT" {
            outgoing.body = .bytes(ByteBuffer(bytes: request.body))
        }
        return outgoing
    }

    /// A failure of AsyncHTTPClient as the seam reports it: cancellation, or a network error.
    private static func failure(_ error: any Error, request: HTTPRequest) -> any Error {
        if error is AWSClientError || error is CancellationError { return error }
        if Task.isCancelled { return CancellationError() }
        return AWSClientError.network(endpoint: request.origin, reason: describe(error))
    }

    /// A short, human reason for a transport failure ("connection refused", "timed out").
    static func describe(_ error: any Error) -> String {
        let text = String(describing: error)
        let known: [(String, String)] = [
            ("connectTimeout", "connect timed out"), ("deadlineExceeded", "timed out"), ("readTimeout", "timed out"),
            ("connectionRefused", "connection refused"), ("Connection refused", "connection refused"),
            ("remoteConnectionClosed", "connection closed by the server"), ("connectionReset", "connection reset"),
            ("Connection reset", "connection reset"), ("ioOnClosedChannel", "connection closed"),
            ("bodyLengthMismatch", "response cut short"), ("tooManyBytes", "response too large"),
            ("invalidEOFState", "response cut short"), ("dnsError", "name resolution failed"),
            ("NIOConnectionError", "cannot connect"), ("HTTPParserError", "malformed HTTP response"),
        ]
        for (needle, reason) in known where text.contains(needle) { return reason }
        return text.count > 160 ? String(text.prefix(160)) + "…" : text
    }
}
