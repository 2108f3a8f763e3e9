import Foundation
import Synchronization

/// EC2 instance role credentials through IMDSv2 (session token first, then the role's credentials).
/// Off when `AWS_EC2_METADATA_DISABLED=true`; `AWS_EC2_METADATA_SERVICE_ENDPOINT` overrides the address.
///
/// As the SDKs' IMDS client does ("IMDS credential provider", AWS SDKs and Tools Reference Guide):
/// a 5xx or a timeout on any request is tried again (three attempts, a short back-off); the
/// session token is kept for its TTL (six hours, a minute's margin) and fetched again when it
/// has run out or IMDS answers 401.
public final class InstanceMetadataCredentialProvider: CredentialProvider {
    /// Named as off when metadata is disabled: the chain's "tried: …" never claims a lookup it skipped.
    public var name: String {
        disabled ? "EC2 instance metadata (off: AWS_EC2_METADATA_DISABLED=true)" : "EC2 instance metadata"
    }
    var disabled: Bool { environment["AWS_EC2_METADATA_DISABLED"]?.lowercased() == "true" }
    let environment: ProcessEnvironment
    let transport: any HTTPTransport
    let sleep: @Sendable (Duration) async throws -> Void
    /// Attempts per request, and the wait before the second and third.
    static let attempts = 3
    static let backoff: [Duration] = [.milliseconds(100), .milliseconds(200)]
    static let tokenTTL: TimeInterval = 21600
    private let token = Mutex<(value: String, expires: Date)?>(nil)

    public init(
        environment: ProcessEnvironment, transport: any HTTPTransport,
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        self.environment = environment
        self.transport = transport
        self.sleep = sleep
    }

    var origin: String {
        var origin = environment["AWS_EC2_METADATA_SERVICE_ENDPOINT"] ?? "http://169.254.169.254"
        while origin.hasSuffix("/") { origin.removeLast() }
        return origin
    }

    /// One request, tried again on a 5xx or a network failure (a timeout); nil when every
    /// attempt failed that way, the last answer otherwise.
    func send(_ request: HTTPRequest) async throws -> HTTPResponse? {
        for attempt in 0..<Self.attempts {
            if attempt > 0 { try await sleep(Self.backoff[attempt - 1]) }
            do {
                let response = try await transport.send(request, timeout: .seconds(1))
                if (500..<600).contains(response.status) { continue }
                return response
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                continue
            }
        }
        return nil
    }

    /// The session token: the one held while it lasts, else a new one (nil: IMDS is not there).
    func sessionToken(refresh: Bool = false) async throws -> String? {
        let now = environment.now()
        if !refresh, let held = token.withLock({ $0 }), held.expires > now { return held.value }
        guard
            let response = try await send(
                HTTPRequest(
                    method: "PUT", origin: origin, path: "/latest/api/token",
                    headers: [("X-aws-ec2-metadata-token-ttl-seconds", String(Int(Self.tokenTTL)))])),
            response.status == 200
        else { return nil }
        let value = response.bodyText
        token.withLock { $0 = (value, now.addingTimeInterval(Self.tokenTTL - 60)) }
        return value
    }

    /// A GET with the session token; a 401 (the token expired early) fetches a new one once.
    func get(_ path: String) async throws -> HTTPResponse? {
        guard var token = try await sessionToken() else { return nil }
        for retry in [false, true] {
            let response = try await send(
                HTTPRequest(method: "GET", origin: origin, path: path, headers: [("X-aws-ec2-metadata-token", token)]))
            guard response?.status == 401, !retry, let fresh = try await sessionToken(refresh: true) else {
                return response
            }
            token = fresh
        }
        return nil
    }

    public func credentials() async throws -> AWSCredentials? {
        if disabled { return nil }
        let base = "/latest/meta-data/iam/security-credentials/"
        // Not on EC2 (or IMDS unreachable) is "not configured", not an error: the chain goes on.
        guard let roleResponse = try await get(base), roleResponse.status == 200,
            let role = roleResponse.bodyText.split(whereSeparator: \.isNewline).first
        else { return nil }
        guard let document = try await get(base + role) else {
            throw AWSClientError.credentialSource(
                source: name, reason: "no answer for role \(role) after \(Self.attempts) attempts")
        }
        guard document.status == 200,
            let decoded = try? JSONDecoder().decode(
                ContainerCredentialProvider.Document.self, from: Data(document.body))
        else {
            throw AWSClientError.credentialSource(source: name, reason: "HTTP \(document.status) for role \(role)")
        }
        return AWSCredentials(
            accessKeyId: decoded.AccessKeyId, secretAccessKey: decoded.SecretAccessKey, sessionToken: decoded.Token,
            expiration: decoded.Expiration.flatMap(ISO8601.parse), source: "\(name) (\(role))")
    }
}
