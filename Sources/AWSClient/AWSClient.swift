import Foundation
import Logging
import SigV4

/// One request as a service call builds it, before endpoint, signing and retries are applied.
public struct AWSRequest: Sendable {
    public var method: String
    /// Path relative to the endpoint's base path, already percent-encoded.
    public var path: String
    public var query: [SigningRequest.QueryItem]
    public var headers: [(String, String)]
    public var body: [UInt8]

    public init(
        method: String = "POST", path: String = "/", query: [SigningRequest.QueryItem] = [],
        headers: [(String, String)] = [], body: [UInt8] = []
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }
}

/// What happened on the way to an answer, for status lines ("throttled, backing off 8 s").
public enum ClientEvent: Sendable {
    case retrying(service: String, operation: String, attempt: Int, delay: Duration, reason: String)
    case clockSkewCorrected(seconds: TimeInterval)
}

/// Sends signed requests to AWS services with retries, clock-skew correction and error decoding.
///
/// A value type: copies share the transport, the credential cache and the skew estimate.
public struct AWSClient: Sendable {
    public var region: String
    public var credentials: any CredentialProvider
    public var endpoints: EndpointResolver
    public var transport: any HTTPTransport
    public var retry: RetryPolicy
    public var timeout: Duration
    public var logger: Logger
    public var now: @Sendable () -> Date
    public var sleep: @Sendable (Duration) async throws -> Void
    public var onEvent: (@Sendable (ClientEvent) -> Void)?
    public let clockSkew: ClockSkew
    let keyCache: SigningKeyCache

    public init(
        region: String, credentials: any CredentialProvider, endpoints: EndpointResolver,
        transport: any HTTPTransport = AsyncHTTPTransport(), retry: RetryPolicy = RetryPolicy(),
        timeout: Duration = .seconds(30), logger: Logger = Logger(label: "orderdeck.aws"),
        now: @escaping @Sendable () -> Date = { Date() },
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        self.region = region
        self.credentials = credentials
        self.endpoints = endpoints
        self.transport = transport
        self.retry = retry
        self.timeout = timeout
        self.logger = logger
        self.now = now
        self.sleep = sleep
        self.clockSkew = ClockSkew()
        self.keyCache = SigningKeyCache()
    }

    /// Sends a request and returns the successful (2xx) answer; anything else is thrown as
    /// `AWSServiceError` or `AWSClientError` after the retry policy gave up.
    public func send(
        _ request: AWSRequest, service: ServiceDescriptor, operation: String, signed: Bool = true,
        endpoint explicitEndpoint: Endpoint? = nil
    ) async throws -> HTTPResponse {
        let transport = self.transport
        let timeout = self.timeout
        return try await send(
            request, service: service, operation: operation, signed: signed,
            endpoint: try explicitEndpoint ?? endpoints.resolve(service)
        ) { wire in
            let response = try await transport.send(wire, timeout: timeout)
            return (200..<300).contains(response.status) ? .answer(response) : .refused(response)
        }
    }

    /// What one attempt of an exchange gave: the answer, or an HTTP error to decode (and maybe retry).
    enum Attempt<Answer> {
        case answer(Answer)
        case refused(HTTPResponse)
    }

    /// The retry loop around one exchange: signing per attempt, clock-skew correction, error
    /// decoding and the retry policy. `exchange` sends the signed request and says how it went.
    func send<Answer>(
        _ request: AWSRequest, service: ServiceDescriptor, operation: String, signed: Bool, endpoint: Endpoint,
        exchange: (HTTPRequest) async throws -> Attempt<Answer>
    ) async throws -> Answer {
        var attempt = 0
        var skewCorrected = false
        while true {
            attempt += 1
            try Task.checkCancellation()
            let wire = try await prepare(request, endpoint: endpoint, service: service, signed: signed)
            let outcome: Result<Void, any Error>
            do {
                let response: HTTPResponse
                switch try await exchange(wire) {
                case .answer(let answer):
                    logger.debug("\(service.displayName) \(operation) answered, attempt \(attempt)")
                    return answer
                case .refused(let refused):
                    response = refused
                }
                let error = ErrorDecoder.decode(response, service: service.displayName, operation: operation)
                if AWSServiceError.clockSkewCodes.contains(error.code), !skewCorrected,
                    let serverDate = response.header("Date").flatMap(ClockSkew.parseHTTPDate),
                    abs(serverDate.timeIntervalSince(now().addingTimeInterval(clockSkew.current))) > 60
                {
                    skewCorrected = true
                    clockSkew.set(serverDate.timeIntervalSince(now()))
                    onEvent?(.clockSkewCorrected(seconds: clockSkew.current))
                    logger.notice("clock skew of \(Int(clockSkew.current)) s corrected for \(service.displayName)")
                    attempt -= 1
                    continue
                }
                outcome = .failure(error)
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                outcome = .failure(error)
            }
            guard case .failure(let error) = outcome else { continue }
            guard attempt < retry.maxAttempts, retry.isRetryable(error) else { throw error }
            let delay = retry.delay(afterAttempt: attempt)
            let reason = (error as? AWSServiceError)?.code ?? String(describing: error)
            logger.info(
                "\(service.displayName) \(operation) attempt \(attempt) failed (\(reason)); retrying in \(delay)")
            onEvent?(
                .retrying(
                    service: service.displayName, operation: operation, attempt: attempt, delay: delay, reason: reason))
            try await sleep(delay)
        }
    }

    /// Adds host, resolves the endpoint's base path and signs.
    func prepare(_ request: AWSRequest, endpoint: Endpoint, service: ServiceDescriptor, signed: Bool) async throws
        -> HTTPRequest
    {
        let (origin, basePath) = endpoint.originAndBasePath
        let path = basePath + (request.path.hasPrefix("/") ? request.path : "/" + request.path)
        var signing = SigningRequest(
            method: request.method, path: path, query: request.query,
            headers: request.headers.map { SigningRequest.Header($0.0, $0.1) }, body: request.body)
        signing.setHeader("Host", Self.hostHeader(origin))
        if signed {
            guard let credentials = try await credentials.credentials() else {
                throw AWSClientError.noCredentials([credentials.name])
            }
            let signer = SigV4Signer(
                credentials: credentials.signing, region: endpoint.signingRegion, service: service.signingName,
                options: .init(), keyCache: keyCache)
            signing = signer.sign(signing, date: now().addingTimeInterval(clockSkew.current))
        }
        return HTTPRequest(
            method: request.method, origin: origin, path: path, query: signing.encodedQuery,
            headers: signing.headers.filter { $0.name.lowercased() != "host" }.map { ($0.name, $0.value) },
            body: request.body)
    }

    /// `host[:port]` of an origin, port omitted when it is the scheme's default.
    static func hostHeader(_ origin: String) -> String {
        guard let schemeEnd = origin.range(of: "://") else { return origin }
        let scheme = origin[..<schemeEnd.lowerBound].lowercased()
        let host = String(origin[schemeEnd.upperBound...])
        if scheme == "https", host.hasSuffix(":443") { return String(host.dropLast(4)) }
        if scheme == "http", host.hasSuffix(":80") { return String(host.dropLast(3)) }
        return host
    }
}
