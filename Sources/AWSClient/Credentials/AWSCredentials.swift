import Foundation
import SigV4

/// Credentials plus when they stop working and where they came from.
public struct AWSCredentials: Sendable, Equatable, CustomStringConvertible {
    public var signing: SigV4Credentials
    public var expiration: Date?
    /// The source, for the header and for errors: "environment", "profile prod (sso)", ….
    public var source: String

    public init(signing: SigV4Credentials, expiration: Date? = nil, source: String) {
        self.signing = signing
        self.expiration = expiration
        self.source = source
        // Whatever is made here may be echoed back in an error: know it, so it never shows.
        SecretRedaction.register(signing.secretAccessKey)
        SecretRedaction.register(signing.sessionToken)
    }

    public init(
        accessKeyId: String, secretAccessKey: String, sessionToken: String? = nil, expiration: Date? = nil,
        source: String
    ) {
        self.init(
            signing: SigV4Credentials(
                accessKeyId: accessKeyId, secretAccessKey: secretAccessKey, sessionToken: sessionToken),
            expiration: expiration, source: source)
    }

    public var description: String {
        "AWSCredentials(\(signing), source: \(source)\(expiration.map { ", expires: \($0)" } ?? ""))"
    }
}

/// One place credentials can come from. Returns nil when the source is simply not configured, and
/// throws when it is configured but broken — the chain stops there, as the AWS CLI does, instead of
/// silently falling through to other credentials.
public protocol CredentialProvider: Sendable {
    var name: String { get }
    func credentials() async throws -> AWSCredentials?
}

/// Fixed credentials (the local stack's test keys, or keys handed in by a test).
public struct StaticCredentialProvider: CredentialProvider {
    public let name: String
    private let value: AWSCredentials

    public init(_ credentials: AWSCredentials) {
        self.value = credentials
        self.name = credentials.source
    }

    public func credentials() async throws -> AWSCredentials? { value }
}

extension AWSCredentials {
    /// The keys for a stack on this machine (moto, LocalStack: they accept any key). Used when a
    /// stack's endpoint is loopback and it names no profile, so a local stack never walks the
    /// credential chain out to instance metadata.
    public static let loopbackStack = AWSCredentials(
        accessKeyId: "AKIALOCALSTACK000000", secretAccessKey: "orderdeck-local-stack", source: "local stack")
}

extension EndpointResolver {
    /// Whether a URL's host is this machine (127.0.0.0/8, localhost, ::1).
    public static func isLoopback(_ url: String) -> Bool {
        guard let host = URLComponents(string: url)?.host?.lowercased() else { return false }
        return host == "localhost" || host.hasPrefix("127.") || host == "::1" || host == "[::1]"
    }
}
