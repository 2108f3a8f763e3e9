import Foundation
import Synchronization

/// Credentials of a named profile, resolved as the AWS CLI resolves them: `role_arn` (with
/// `web_identity_token_file`, `source_profile` or `credential_source`), then SSO, then
/// `credential_process`, then static keys.
public final class ProfileCredentialProvider: CredentialProvider {
    public let name: String
    let profileName: String
    let shared: SharedConfig
    let environment: ProcessEnvironment
    let transport: any HTTPTransport
    /// The region the client resolved (`--region`, `AWS_REGION`, … the profile's `region`):
    /// STS is called there, as the SDKs do.
    let defaultRegion: String
    /// The client's endpoint settings (configured URLs, FIPS, dual-stack), for STS and the SSO portal.
    let endpoints: EndpointResolver
    /// Profiles already on the way here, to refuse `source_profile` cycles.
    let visited: [String]
    /// The source picked on first use, kept so its cache (assumed roles, SSO) lives on.
    private let resolved = Mutex<(any CredentialProvider)??>(nil)

    public init(
        profileName: String, shared: SharedConfig, environment: ProcessEnvironment, transport: any HTTPTransport,
        defaultRegion: String, endpoints: EndpointResolver? = nil, visited: [String] = []
    ) {
        self.name = "profile \(profileName)"
        self.profileName = profileName
        self.shared = shared
        self.environment = environment
        self.transport = transport
        self.defaultRegion = defaultRegion
        let profile = shared.profile(profileName)
        let resolver =
            endpoints
            ?? EndpointResolver(
                region: defaultRegion, environment: environment, profile: profile,
                servicesSection: profile?["services"].flatMap { shared.services($0) })
        self.endpoints = resolver.forCredentials(region: defaultRegion)
        self.visited = visited
    }

    public func credentials() async throws -> AWSCredentials? {
        let provider: (any CredentialProvider)?
        if let known = resolved.withLock({ $0 }) {
            provider = known
        } else {
            provider = try resolveProvider()
            resolved.withLock { $0 = .some(provider) }
        }
        guard let provider else { return nil }
        return try await provider.credentials()
    }

    /// Picks the one source this profile configures (nil when it configures none).
    public func resolveProvider() throws -> (any CredentialProvider)? {
        guard let profile = shared.profile(profileName) else { return nil }
        let region = defaultRegion
        if let roleArn = profile["role_arn"] {
            return try assumeRoleProvider(profile: profile, roleArn: roleArn, region: region)
        }
        if profile["sso_session"] != nil || profile["sso_start_url"] != nil {
            return try ssoProvider(profile: profile)
        }
        if let command = profile["credential_process"] {
            return CachedCredentialProvider(
                ProcessCredentialProvider(command: command, profileName: profileName), now: environment.now)
        }
        if let keyId = profile["aws_access_key_id"] {
            guard let secret = profile["aws_secret_access_key"] else {
                throw AWSClientError.credentialSource(
                    source: name, reason: "aws_access_key_id without aws_secret_access_key in \(profile.source)")
            }
            return StaticCredentialProvider(
                AWSCredentials(
                    accessKeyId: keyId, secretAccessKey: secret, sessionToken: profile["aws_session_token"],
                    source: name))
        }
        return nil
    }

    private func assumeRoleProvider(profile: Profile, roleArn: String, region: String) throws -> any CredentialProvider
    {
        if let tokenFile = profile["web_identity_token_file"] {
            return CachedCredentialProvider(
                WebIdentityCredentialProvider(
                    name: "profile \(profileName) (web identity)", tokenFile: tokenFile, roleArn: roleArn,
                    sessionName: profile["role_session_name"], region: region, environment: environment,
                    transport: transport, endpoints: endpoints),
                now: environment.now)
        }
        let source: any CredentialProvider
        if let sourceProfile = profile["source_profile"] {
            if visited.contains(sourceProfile) || (sourceProfile == profileName && profile["aws_access_key_id"] == nil)
            {
                throw AWSClientError.credentialSource(
                    source: name,
                    reason: "source_profile cycle: \((visited + [profileName, sourceProfile]).joined(separator: " → "))"
                )
            }
            guard shared.profile(sourceProfile) != nil else {
                throw AWSClientError.credentialSource(
                    source: name, reason: "source_profile '\(sourceProfile)' does not exist")
            }
            if sourceProfile == profileName, let keyId = profile["aws_access_key_id"],
                let secret = profile["aws_secret_access_key"]
            {
                // A profile may assume a role with its own static keys.
                source = StaticCredentialProvider(
                    AWSCredentials(accessKeyId: keyId, secretAccessKey: secret, source: name))
            } else {
                let inner = ProfileCredentialProvider(
                    profileName: sourceProfile, shared: shared, environment: environment, transport: transport,
                    defaultRegion: region, endpoints: endpoints, visited: visited + [profileName])
                guard let resolved = try inner.resolveProvider() else {
                    throw AWSClientError.credentialSource(
                        source: name, reason: "source_profile '\(sourceProfile)' has no credentials")
                }
                source = resolved
            }
        } else if let credentialSource = profile["credential_source"] {
            switch credentialSource {
            case "Environment": source = EnvironmentCredentialProvider(environment: environment)
            case "Ec2InstanceMetadata":
                source = InstanceMetadataCredentialProvider(environment: environment, transport: transport)
            case "EcsContainer": source = ContainerCredentialProvider(environment: environment, transport: transport)
            default:
                throw AWSClientError.credentialSource(
                    source: name,
                    reason:
                        "credential_source '\(credentialSource)' is not Environment, Ec2InstanceMetadata or EcsContainer"
                )
            }
        } else {
            throw AWSClientError.credentialSource(
                source: name, reason: "role_arn needs source_profile or credential_source")
        }
        let environment = self.environment
        let transport = self.transport
        let stsEndpoints = endpoints
        return CachedCredentialProvider(
            AssumeRoleCredentialProvider(
                profileName: profileName, roleArn: roleArn, sessionName: profile["role_session_name"],
                externalId: profile["external_id"], durationSeconds: profile["duration_seconds"].flatMap(Int.init),
                source: source, now: environment.now(),
                stsClient: { credentials in
                    AWSClient(
                        region: region, credentials: credentials,
                        endpoints: stsEndpoints,
                        transport: transport, retry: RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(200)),
                        now: environment.now)
                }),
            now: environment.now)
    }

    private func ssoProvider(profile: Profile) throws -> any CredentialProvider {
        guard let accountId = profile["sso_account_id"], let roleName = profile["sso_role_name"] else {
            throw AWSClientError.credentialSource(
                source: "\(name) (sso)", reason: "sso_account_id and sso_role_name are required")
        }
        let cacheKey: String
        let ssoRegion: String
        if let sessionName = profile["sso_session"] {
            guard let session = shared.ssoSession(sessionName) else {
                throw AWSClientError.credentialSource(
                    source: "\(name) (sso)", reason: "[sso-session \(sessionName)] is not in \(shared.configPath)")
            }
            guard let region = session["sso_region"] else {
                throw AWSClientError.credentialSource(
                    source: "\(name) (sso)", reason: "[sso-session \(sessionName)] has no sso_region")
            }
            cacheKey = sessionName
            ssoRegion = region
        } else {
            guard let startURL = profile["sso_start_url"], let region = profile["sso_region"] else {
                throw AWSClientError.credentialSource(
                    source: "\(name) (sso)", reason: "sso_start_url and sso_region are required")
            }
            cacheKey = startURL
            ssoRegion = region
        }
        return CachedCredentialProvider(
            SSOCredentialProvider(
                profileName: profileName, accountId: accountId, roleName: roleName, ssoRegion: ssoRegion,
                cacheKey: cacheKey,
                environment: environment, transport: transport, endpoints: endpoints),
            now: environment.now)
    }
}
