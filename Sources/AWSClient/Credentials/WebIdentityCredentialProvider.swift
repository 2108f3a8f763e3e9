import Foundation

/// AssumeRoleWithWebIdentity with a token file: `AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN`
/// (EKS, GitHub Actions) or a profile's `web_identity_token_file` + `role_arn`.
public struct WebIdentityCredentialProvider: CredentialProvider {
    public let name: String
    let tokenFile: String?
    let roleArn: String?
    let sessionName: String
    let region: String
    let environment: ProcessEnvironment
    let transport: any HTTPTransport
    /// Where STS is: the client's endpoint settings in `region`.
    let endpoints: EndpointResolver

    public init(
        name: String = "web identity", tokenFile: String?, roleArn: String?, sessionName: String?, region: String,
        environment: ProcessEnvironment, transport: any HTTPTransport, endpoints: EndpointResolver? = nil
    ) {
        self.name = name
        self.tokenFile = tokenFile
        self.roleArn = roleArn
        self.sessionName = sessionName ?? "orderdeck-\(Int(environment.now().timeIntervalSince1970))"
        self.region = region
        self.environment = environment
        self.transport = transport
        self.endpoints = (endpoints ?? EndpointResolver(region: region, environment: environment)).forCredentials(
            region: region)
    }

    /// From `AWS_WEB_IDENTITY_TOKEN_FILE`, `AWS_ROLE_ARN`, `AWS_ROLE_SESSION_NAME`.
    public static func fromEnvironment(
        _ environment: ProcessEnvironment, region: String, transport: any HTTPTransport,
        endpoints: EndpointResolver? = nil
    ) -> WebIdentityCredentialProvider {
        WebIdentityCredentialProvider(
            tokenFile: environment["AWS_WEB_IDENTITY_TOKEN_FILE"], roleArn: environment["AWS_ROLE_ARN"],
            sessionName: environment["AWS_ROLE_SESSION_NAME"], region: region, environment: environment,
            transport: transport, endpoints: endpoints)
    }

    public func credentials() async throws -> AWSCredentials? {
        guard let tokenFile else { return nil }
        guard let roleArn else {
            throw AWSClientError.credentialSource(
                source: name, reason: "a web identity token file is set but no role ARN")
        }
        guard let data = FileManager.default.contents(atPath: environment.expandingTilde(tokenFile)) else {
            throw AWSClientError.credentialSource(source: name, reason: "cannot read the token file \(tokenFile)")
        }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let client = AWSClient(
            region: region, credentials: CredentialChain([]),
            endpoints: endpoints,
            transport: transport, retry: RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(200)))
        do {
            return try await STSCredentialCalls.assumeRoleWithWebIdentity(
                client: client, roleArn: roleArn, sessionName: sessionName, token: token, source: name)
        } catch let error as AWSServiceError {
            throw AWSClientError.credentialSource(source: name, reason: "\(error.code): \(error.message)")
        }
    }
}
