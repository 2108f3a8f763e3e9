import Foundation
import Logging

/// The AWS JSON 1.0/1.1 protocol: POST `/` with `X-Amz-Target` and a JSON body.
extension AWSClient {
    public func json<Output: Decodable>(
        _ service: ServiceDescriptor, _ operation: String, _ input: some Encodable, as output: Output.Type = Output.self
    ) async throws -> Output {
        try await json(service, operation, input) { body in
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .secondsSince1970
            return try decoder.decode(Output.self, from: Data(body))
        }
    }

    /// A JSON-protocol call whose answer is read by `decode` (for shapes with a faster reader than
    /// `JSONDecoder`). An answer that arrives but cannot be read (cut short or garbled on the way)
    /// is asked for again, like a network fault, up to the policy's attempts.
    public func json<Output>(
        _ service: ServiceDescriptor, _ operation: String, _ input: some Encodable, decode: ([UInt8]) throws -> Output
    ) async throws -> Output {
        var attempt = 0
        while true {
            attempt += 1
            let response = try await jsonRaw(service, operation, input)
            do {
                return try decode(response.body.isEmpty ? Array("{}".utf8) : response.body)
            } catch {
                let failure = AWSClientError.invalidResponse(
                    service: service.displayName, operation: operation, reason: Self.describeDecoding(error))
                guard attempt < retry.maxAttempts else { throw failure }
                let delay = retry.delay(afterAttempt: attempt)
                logger.info(
                    "\(service.displayName) \(operation) answer unreadable (attempt \(attempt)); retrying in \(delay)")
                onEvent?(
                    .retrying(
                        service: service.displayName, operation: operation, attempt: attempt, delay: delay,
                        reason: "unreadable answer"))
                try await sleep(delay)
            }
        }
    }

    /// Sends a JSON-protocol call and returns the raw answer (for callers that decode it themselves).
    public func jsonRaw(_ service: ServiceDescriptor, _ operation: String, _ input: some Encodable) async throws
        -> HTTPResponse
    {
        guard case .json(let version, let prefix) = service.wireProtocol else {
            preconditionFailure("\(service.displayName) does not speak the JSON protocol")
        }
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        let body = try encoder.encode(input)
        let request = AWSRequest(
            method: "POST", path: "/",
            headers: [
                ("Content-Type", "application/x-amz-json-\(version)"), ("X-Amz-Target", "\(prefix).\(operation)"),
            ],
            body: Array(body))
        return try await send(request, service: service, operation: operation)
    }

    /// A one-line reason for a decoding failure that names the offending key path.
    static func describeDecoding(_ error: any Error) -> String {
        guard let decoding = error as? DecodingError else { return String(describing: error) }
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? "top level" : keys.joined(separator: ".")
        }
        switch decoding {
        case .typeMismatch(let type, let context): return "\(path(context)): expected \(type)"
        case .valueNotFound(let type, let context): return "\(path(context)): missing \(type)"
        case .keyNotFound(let key, let context): return "\(path(context)): missing key '\(key.stringValue)'"
        case .dataCorrupted(let context): return "\(path(context)): \(context.debugDescription)"
        @unknown default: return String(describing: decoding)
        }
    }
}

/// An empty JSON object, for calls without parameters.
public struct EmptyInput: Codable, Sendable {
    public init() {}
}
