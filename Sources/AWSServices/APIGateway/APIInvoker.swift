import AWSClient
import Foundation
import SigV4

/// Calls a deployed REST API the way a client of the order pipeline does: POST a JSON body to
/// the stage URL, open, with an API key, or IAM-authorised (SigV4 for `execute-api`).
public struct APIInvoker: Sendable {
    public enum Authorization: Sendable, Equatable {
        case none
        case apiKey(String)
        case iam
    }

    public struct Result: Sendable {
        public var status: Int
        public var body: String
        /// `x-amzn-RequestId` (API Gateway's request id).
        public var requestId: String?
        public var headers: [(String, String)]
    }

    public let client: AWSClient

    public init(client: AWSClient) { self.client = client }

    /// POSTs `body` to `url` and returns whatever the API answered, 4xx/5xx included: for an API
    /// the status is the result, not an error. Only failures without an answer throw.
    public func post(url: String, body: [UInt8], authorization: Authorization, timeout: Duration = .seconds(29))
        async throws -> Result
    {
        guard let schemeEnd = url.range(of: "://") else {
            throw AWSClientError.configuration("API URL '\(url)' has no scheme (expected https://…)")
        }
        let rest = url[schemeEnd.upperBound...]
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        let origin = String(url[..<slash])
        var pathAndQuery = String(rest[slash...])
        if pathAndQuery.isEmpty { pathAndQuery = "/" }
        var path = pathAndQuery
        var query: [SigningRequest.QueryItem] = []
        if let mark = pathAndQuery.firstIndex(of: "?") {
            path = String(pathAndQuery[..<mark])
            query = pathAndQuery[pathAndQuery.index(after: mark)...].split(separator: "&").map { pair in
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                return .init(
                    URIEncoding.decode(String(parts[0])), parts.count > 1 ? URIEncoding.decode(String(parts[1])) : "")
            }
        }
        var headers = [("Content-Type", "application/json")]
        if case .apiKey(let key) = authorization { headers.append(("x-api-key", key)) }
        let request = AWSRequest(method: "POST", path: path, query: query, headers: headers, body: body)
        let endpoint = Endpoint(
            url: origin, signingRegion: Self.region(fromHost: origin) ?? client.region, isCustom: true)
        var noRetry = client
        noRetry.retry.maxAttempts = 1  // a POST that started an execution must not be sent twice by us
        noRetry.timeout = timeout
        do {
            let response = try await noRetry.send(
                request, service: .executeAPI, operation: "POST \(path)", signed: authorization == .iam,
                endpoint: endpoint)
            return Result(
                status: response.status, body: response.bodyText, requestId: Self.requestId(response),
                headers: response.headers)
        } catch let error as AWSServiceError {
            // The API answered with a non-2xx status; hand it back as a result with its body.
            return Result(
                status: error.statusCode, body: error.rawBody ?? error.message, requestId: error.requestId, headers: [])
        }
    }

    static func requestId(_ response: HTTPResponse) -> String? {
        response.header("x-amzn-RequestId") ?? response.header("x-amz-apigw-id")
    }

    /// `abc.execute-api.eu-west-1.amazonaws.com` → `eu-west-1`.
    static func region(fromHost origin: String) -> String? {
        let parts = origin.split(separator: ".")
        guard let index = parts.firstIndex(of: "execute-api"), index + 1 < parts.count else { return nil }
        return String(parts[index + 1])
    }
}
