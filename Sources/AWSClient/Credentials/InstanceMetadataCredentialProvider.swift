import Foundation

/// EC2 instance role credentials through IMDSv2 (session token first, then the role's credentials).
/// Off when `AWS_EC2_METADATA_DISABLED=true`; `AWS_EC2_METADATA_SERVICE_ENDPOINT` overrides the address.
public struct InstanceMetadataCredentialProvider: CredentialProvider {
    public let name = "EC2 instance metadata"
    let environment: ProcessEnvironment
    let transport: any HTTPTransport

    public init(environment: ProcessEnvironment, transport: any HTTPTransport) {
        self.environment = environment
        self.transport = transport
    }

    public func credentials() async throws -> AWSCredentials? {
        if environment["AWS_EC2_METADATA_DISABLED"]?.lowercased() == "true" { return nil }
        var origin = environment["AWS_EC2_METADATA_SERVICE_ENDPOINT"] ?? "http://169.254.169.254"
        while origin.hasSuffix("/") { origin.removeLast() }
        let timeout = Duration.seconds(1)
        // Not on EC2 (or IMDS unreachable) is "not configured", not an error: the chain goes on.
        guard
            let tokenResponse = try? await transport.send(
                HTTPRequest(
                    method: "PUT", origin: origin, path: "/latest/api/token",
                    headers: [("X-aws-ec2-metadata-token-ttl-seconds", "21600")]),
                timeout: timeout),
            tokenResponse.status == 200
        else { return nil }
        let token = tokenResponse.bodyText
        let headers = [("X-aws-ec2-metadata-token", token)]
        let base = "/latest/meta-data/iam/security-credentials/"
        guard
            let roleResponse = try? await transport.send(
                HTTPRequest(method: "GET", origin: origin, path: base, headers: headers), timeout: timeout),
            roleResponse.status == 200, let role = roleResponse.bodyText.split(separator: "\n").first
        else { return nil }
        let document = try await transport.send(
            HTTPRequest(method: "GET", origin: origin, path: base + role, headers: headers), timeout: timeout)
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
