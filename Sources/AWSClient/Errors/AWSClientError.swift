/// Failures that happen on our side of the wire: configuration, credentials, transport.
///
/// Messages are written for the operator — one line, saying what failed and what to do — and never
/// contain a secret.
public enum AWSClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A config or credentials file, or a setting, is wrong.
    case configuration(String)
    /// No credential source produced credentials; each entry names a source and why it failed.
    case noCredentials([String])
    /// One credential source was selected (e.g. by the profile) and failed.
    case credentialSource(source: String, reason: String)
    /// The request never got an HTTP answer (refused, reset, timed out, DNS).
    case network(endpoint: String, reason: String)
    /// The answer could not be decoded.
    case invalidResponse(service: String, operation: String, reason: String)

    public var description: String {
        switch self {
        case .configuration(let message):
            return "configuration error: \(message)"
        case .noCredentials(let attempts):
            return "no AWS credentials found (tried: \(attempts.joined(separator: "; ")))"
        case .credentialSource(let source, let reason):
            return "credentials from \(source) failed: \(reason)"
        case .network(let endpoint, let reason):
            return "cannot reach \(endpoint): \(reason)"
        case .invalidResponse(let service, let operation, let reason):
            return "\(service) \(operation): unreadable response: \(reason)"
        }
    }
}
