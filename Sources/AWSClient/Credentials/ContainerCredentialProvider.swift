import Foundation

/// ECS/EKS Pod Identity container credentials: `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` (on the
/// ECS agent's 169.254.170.2) or `AWS_CONTAINER_CREDENTIALS_FULL_URI`, with an optional
/// authorization token (`AWS_CONTAINER_AUTHORIZATION_TOKEN` or `…_TOKEN_FILE`).
public struct ContainerCredentialProvider: CredentialProvider {
    public let name = "container credentials"
    let environment: ProcessEnvironment
    let transport: any HTTPTransport

    public init(environment: ProcessEnvironment, transport: any HTTPTransport) {
        self.environment = environment
        self.transport = transport
    }

    struct Document: Decodable {
        let AccessKeyId: String
        let SecretAccessKey: String
        let Token: String?
        let Expiration: String?
    }

    public func credentials() async throws -> AWSCredentials? {
        let url: String
        if let relative = environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] {
            url = "http://169.254.170.2" + relative
        } else if let full = environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"] {
            url = full
        } else {
            return nil
        }
        var headers: [(String, String)] = []
        if let tokenFile = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"] {
            guard let data = FileManager.default.contents(atPath: tokenFile) else {
                throw AWSClientError.credentialSource(source: name, reason: "cannot read \(tokenFile)")
            }
            headers.append(
                ("Authorization", String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
            )
        } else if let token = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN"] {
            headers.append(("Authorization", token))
        }
        let (origin, path, query) = Self.split(url)
        let response: HTTPResponse
        do {
            response = try await transport.send(
                HTTPRequest(method: "GET", origin: origin, path: path, query: query, headers: headers),
                timeout: .seconds(2))
        } catch {
            throw AWSClientError.credentialSource(source: name, reason: String(describing: error))
        }
        guard response.status == 200, let document = try? JSONDecoder().decode(Document.self, from: Data(response.body))
        else {
            throw AWSClientError.credentialSource(
                source: name, reason: "HTTP \(response.status) from the credentials endpoint")
        }
        return AWSCredentials(
            accessKeyId: document.AccessKeyId, secretAccessKey: document.SecretAccessKey, sessionToken: document.Token,
            expiration: document.Expiration.flatMap(ISO8601.parse), source: name)
    }

    /// `http://host:port/path?query` → origin, path, query.
    static func split(_ url: String) -> (String, String, String) {
        guard let schemeEnd = url.range(of: "://") else { return (url, "/", "") }
        let rest = url[schemeEnd.upperBound...]
        guard let slash = rest.firstIndex(of: "/") else { return (url, "/", "") }
        let origin = String(url[..<slash])
        let pathAndQuery = url[slash...]
        if let mark = pathAndQuery.firstIndex(of: "?") {
            return (origin, String(pathAndQuery[..<mark]), String(pathAndQuery[pathAndQuery.index(after: mark)...]))
        }
        return (origin, String(pathAndQuery), "")
    }
}
