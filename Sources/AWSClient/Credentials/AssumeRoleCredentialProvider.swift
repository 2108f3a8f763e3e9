import Foundation

/// STS AssumeRole with credentials from another source (`source_profile`, `credential_source`),
/// which may itself be an assumed role: chains resolve naturally because the source is any provider.
public struct AssumeRoleCredentialProvider: CredentialProvider {
    public let name: String
    let roleArn: String
    let sessionName: String
    let externalId: String?
    let durationSeconds: Int?
    let source: any CredentialProvider
    let stsClient: @Sendable (any CredentialProvider) -> AWSClient

    public init(
        profileName: String, roleArn: String, sessionName: String?, externalId: String?, durationSeconds: Int?,
        source: any CredentialProvider, now: Date, stsClient: @escaping @Sendable (any CredentialProvider) -> AWSClient
    ) {
        self.name = "profile \(profileName) (assume role)"
        self.roleArn = roleArn
        self.sessionName = sessionName ?? "orderdeck-\(Int(now.timeIntervalSince1970))"
        self.externalId = externalId
        self.durationSeconds = durationSeconds
        self.source = source
        self.stsClient = stsClient
    }

    public func credentials() async throws -> AWSCredentials? {
        guard try await source.credentials() != nil else {
            throw AWSClientError.credentialSource(
                source: name, reason: "its source (\(source.name)) has no credentials")
        }
        do {
            return try await STSCredentialCalls.assumeRole(
                client: stsClient(source), roleArn: roleArn, sessionName: sessionName, externalId: externalId,
                durationSeconds: durationSeconds, source: name)
        } catch let error as AWSServiceError {
            throw AWSClientError.credentialSource(
                source: name, reason: "AssumeRole \(roleArn): \(error.code): \(error.message)")
        } catch let error as AWSClientError {
            if case .credentialSource = error { throw error }
            throw AWSClientError.credentialSource(source: name, reason: error.description)
        }
    }
}
