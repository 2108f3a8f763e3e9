import Foundation

/// Calls whose answer is an `application/vnd.amazon.eventstream` body (CloudWatch Logs'
/// StartLiveTail): a JSON-protocol request, signed as usual, and a stream of messages back.
extension AWSClient {
    /// Sends the call and returns once the answer's head is in: a 2xx opens the stream of its
    /// `event` messages; anything else is decoded and retried as a JSON call's error would be.
    /// Nothing is retried after the first byte of the body (a stream cannot be replayed).
    ///
    /// - Parameters:
    ///   - hostPrefix: the operation's `endpoint.hostPrefix` in the service model (`stream-`),
    ///     put before the standard host; a configured endpoint (the local stack, a proxy) is used
    ///     as it is, since it serves every operation on one host.
    ///   - timeout: how long the whole exchange may last, stream included.
    /// - Returns: the `event` messages in order; an `exception` or `error` message ends the
    ///   stream with an `AWSServiceError` whose code is its type, an unreadable frame with an
    ///   `EventStreamError`, a broken connection with `AWSClientError.network`.
    public func eventStream(
        _ service: ServiceDescriptor, _ operation: String, _ input: some Encodable, hostPrefix: String? = nil,
        timeout: Duration
    ) async throws -> AsyncThrowingStream<EventStreamMessage, any Error> {
        guard case .json(let version, let prefix) = service.wireProtocol else {
            preconditionFailure("\(service.displayName) does not speak the JSON protocol")
        }
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        let request = AWSRequest(
            method: "POST", path: "/",
            headers: [
                ("Content-Type", "application/x-amz-json-\(version)"), ("X-Amz-Target", "\(prefix).\(operation)"),
                ("Accept", "application/vnd.amazon.eventstream"),
            ],
            body: Array(try encoder.encode(input)))
        var endpoint = try endpoints.resolve(service)
        if let hostPrefix, !endpoint.isCustom { endpoint = endpoint.prefixingHost(hostPrefix) }
        let transport = self.transport
        let response = try await send(
            request, service: service, operation: operation, signed: true, endpoint: endpoint
        ) { wire -> Attempt<HTTPStreamingResponse> in
            let response = try await transport.stream(wire, timeout: timeout)
            guard (200..<300).contains(response.status) else { return .refused(try await response.collected()) }
            return .answer(response)
        }
        let requestId = response.headers.first { $0.0.lowercased() == "x-amzn-requestid" }?.1
        return Self.messages(
            of: response.body, service: service.displayName, operation: operation, status: response.status,
            requestId: requestId)
    }

    /// The event messages of a body, decoded as its chunks arrive.
    static func messages(
        of body: AsyncThrowingStream<[UInt8], any Error>, service: String, operation: String, status: Int,
        requestId: String?
    ) -> AsyncThrowingStream<EventStreamMessage, any Error> {
        let (messages, continuation) = AsyncThrowingStream<EventStreamMessage, any Error>.makeStream()
        let reader = Task {
            var decoder = EventStreamDecoder()
            do {
                for try await chunk in body {
                    decoder.append(chunk)
                    // One at a time: the messages before a bad frame are delivered before its error.
                    while let message = try decoder.next() {
                        switch message.messageType {
                        case "exception", "error":
                            throw serviceError(
                                message, service: service, operation: operation, status: status, requestId: requestId)
                        default:
                            continuation.yield(message)
                        }
                    }
                }
                try decoder.finish()
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in reader.cancel() }
        return messages
    }

    /// An `exception` message (a modelled error: `:exception-type`, JSON payload with a message)
    /// or an `error` message (`:error-code`, `:error-message`) as the service error it reports.
    static func serviceError(
        _ message: EventStreamMessage, service: String, operation: String, status: Int, requestId: String?
    ) -> AWSServiceError {
        let code = message.exceptionType ?? message.string(":error-code") ?? "UnknownStreamError"
        var text = message.string(":error-message") ?? ""
        if text.isEmpty,
            let object = try? JSONSerialization.jsonObject(with: Data(message.payload)) as? [String: Any]
        {
            text = (object["message"] ?? object["Message"]) as? String ?? ""
        }
        return AWSServiceError(
            code: code, message: text, statusCode: status, requestId: requestId, service: service,
            operation: operation, rawBody: String(decoding: message.payload.prefix(2048), as: UTF8.self))
    }
}

extension Endpoint {
    /// The same endpoint with `prefix` before its host (`stream-` + `logs.eu-west-1.amazonaws.com`).
    public func prefixingHost(_ prefix: String) -> Endpoint {
        guard let schemeEnd = url.range(of: "://") else { return self }
        var copy = self
        copy.url = url[..<schemeEnd.upperBound] + prefix + url[schemeEnd.upperBound...]
        return copy
    }
}
