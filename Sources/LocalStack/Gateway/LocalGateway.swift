import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// The local API Gateway: an HTTP server on loopback that serves `POST /main/<resource>` for each
/// state machine of the stack through `GatewayHandler`.
public struct LocalGateway: Sendable {
    public let handler: GatewayHandler
    public let port: Int
    public let logger: Logger

    public init(handler: GatewayHandler, port: Int, logger: Logger = Logger(label: "orderdeck.gateway")) {
        self.handler = handler
        self.port = port
        self.logger = logger
    }

    /// Largest body API Gateway accepts (10 MB).
    static let maxBody = 10 * 1024 * 1024

    public func makeApplication(onRunning: @escaping @Sendable () async -> Void = {}) -> some ApplicationProtocol {
        let router = Router()
        let handler = self.handler
        router.post("main/:resource") { request, context -> Response in
            var request = request
            let resource = context.parameters.get("resource") ?? ""
            let body = try await request.collectBody(upTo: Self.maxBody)
            let reply = await handler.handle(
                resource: resource, apiKeyHeader: request.headers[HTTPField.Name("x-api-key")!],
                body: Array(buffer: body))
            return Self.response(reply)
        }
        router.get("health") { _, _ -> Response in
            Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: #"{"ok":true}"#)))
        }
        // Any other path: API Gateway's answer for an unknown route.
        router.post("**") { _, _ -> Response in
            Self.response(
                .init(
                    status: 403, body: #"{"message":"Missing Authentication Token"}"#,
                    requestId: UUID().uuidString.lowercased()))
        }
        return Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: nil),
            onServerRunning: { _ in await onRunning() }, logger: logger)
    }

    static func response(_ reply: GatewayHandler.Reply) -> Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        headers[HTTPField.Name("x-amzn-RequestId")!] = reply.requestId
        return Response(
            status: HTTPResponse.Status(code: reply.status), headers: headers,
            body: .init(byteBuffer: ByteBuffer(string: reply.body)))
    }
}
