import Crypto
import Foundation

/// IAM Identity Center (SSO): reads the token `aws sso login` cached under `~/.aws/sso/cache` and
/// exchanges it for role credentials with GetRoleCredentials.
/// Supports `sso_session` sections and the legacy `sso_start_url` profile form.
public struct SSOCredentialProvider: CredentialProvider {
    public let name: String
    let accountId: String
    let roleName: String
    let ssoRegion: String
    /// The cache key: the session name, or the start URL for legacy profiles.
    let cacheKey: String
    let environment: ProcessEnvironment
    let transport: any HTTPTransport
    /// Where the portal is: the client's endpoint settings (FIPS, dual-stack, `AWS_ENDPOINT_URL_SSO`)
    /// in `sso_region`.
    let endpoints: EndpointResolver

    public init(
        profileName: String, accountId: String, roleName: String, ssoRegion: String, cacheKey: String,
        environment: ProcessEnvironment, transport: any HTTPTransport, endpoints: EndpointResolver? = nil
    ) {
        self.name = "profile \(profileName) (sso)"
        self.accountId = accountId
        self.roleName = roleName
        self.ssoRegion = ssoRegion
        self.cacheKey = cacheKey
        self.environment = environment
        self.transport = transport
        self.endpoints = (endpoints ?? EndpointResolver(region: ssoRegion, environment: environment)).forCredentials(
            region: ssoRegion)
    }

    /// The cache file name: hex SHA-1 of the session name or start URL, as the AWS CLI writes it.
    public static func cacheFileName(for key: String) -> String {
        Insecure.SHA1.hash(data: Array(key.utf8)).map { String(format: "%02x", $0) }.joined() + ".json"
    }

    struct CachedToken: Decodable {
        let accessToken: String
        let expiresAt: String
    }

    struct RoleCredentialsResponse: Decodable {
        struct RoleCredentials: Decodable {
            let accessKeyId: String
            let secretAccessKey: String
            let sessionToken: String?
            let expiration: Double
        }
        let roleCredentials: RoleCredentials
    }

    public func credentials() async throws -> AWSCredentials? {
        let path = environment.expandingTilde("~/.aws/sso/cache/") + Self.cacheFileName(for: cacheKey)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AWSClientError.credentialSource(source: name, reason: "no cached SSO token; run 'aws sso login'")
        }
        guard let token = try? JSONDecoder().decode(CachedToken.self, from: data) else {
            throw AWSClientError.credentialSource(
                source: name, reason: "the SSO token cache \(path) is unreadable; run 'aws sso login'")
        }
        guard let expiresAt = ISO8601.parse(token.expiresAt), expiresAt > environment.now() else {
            throw AWSClientError.credentialSource(
                source: name, reason: "the SSO token has expired; run 'aws sso login'")
        }
        let endpoint: Endpoint
        do {
            endpoint = try endpoints.resolve(.sso)
        } catch {
            throw AWSClientError.credentialSource(source: name, reason: String(describing: error))
        }
        let query =
            "account_id=\(accountId.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? accountId)&role_name=\(roleName.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? roleName)"
        let request = HTTPRequest(
            method: "GET", origin: endpoint.originAndBasePath.origin,
            path: endpoint.originAndBasePath.basePath + "/federation/credentials", query: query,
            headers: [("x-amz-sso_bearer_token", token.accessToken)])
        let response = try await transport.send(request, timeout: .seconds(10))
        guard response.status == 200 else {
            let error = ErrorDecoder.decode(response, service: "SSO", operation: "GetRoleCredentials")
            throw AWSClientError.credentialSource(
                source: name, reason: "\(error.code) (HTTP \(error.statusCode)) \(error.message)")
        }
        guard let decoded = try? JSONDecoder().decode(RoleCredentialsResponse.self, from: Data(response.body)) else {
            throw AWSClientError.credentialSource(
                source: name, reason: "GetRoleCredentials answer is not the expected JSON")
        }
        let role = decoded.roleCredentials
        return AWSCredentials(
            accessKeyId: role.accessKeyId, secretAccessKey: role.secretAccessKey, sessionToken: role.sessionToken,
            expiration: Date(timeIntervalSince1970: role.expiration / 1000), source: name)
    }
}
