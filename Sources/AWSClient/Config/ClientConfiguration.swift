import Foundation

/// What the operator asked for on the command line (each nil when not given).
public struct ClientOptions: Sendable, Equatable {
    public var profile: String?
    public var region: String?
    public var endpointURL: String?
    /// How long one attempt may wait for its answer (the CLI's `--cli-read-timeout`); a stalled
    /// connection is then retried like any other transient failure.
    public var readTimeout: Duration?

    public init(profile: String? = nil, region: String? = nil, endpointURL: String? = nil, readTimeout: Duration? = nil)
    {
        self.profile = profile
        self.region = region
        self.endpointURL = endpointURL
        self.readTimeout = readTimeout
    }
}

/// Profile, region, endpoints, credentials and retry settings resolved in the AWS CLI's order.
public struct ClientConfiguration: Sendable {
    public var profileName: String
    public var region: String
    public var endpoints: EndpointResolver
    public var credentials: any CredentialProvider
    public var retry: RetryPolicy
    public var shared: SharedConfig
    public var readTimeout: Duration = .seconds(30)

    /// Resolves everything from options, environment and the shared files.
    ///
    /// Region: `--region`, `AWS_REGION`, `AWS_DEFAULT_REGION`, the profile's `region`.
    /// Credentials: environment (skipped when `--profile` is given, as in the CLI), web identity from
    /// the environment, the profile, container credentials, EC2 instance metadata.
    /// Max attempts: `AWS_MAX_ATTEMPTS`, the profile's `max_attempts`, 3.
    public static func resolve(
        options: ClientOptions, environment: ProcessEnvironment, transport: any HTTPTransport = AsyncHTTPTransport()
    ) throws -> ClientConfiguration {
        let shared = try SharedConfig.load(from: environment)
        let profileName =
            options.profile ?? environment["AWS_PROFILE"] ?? environment["AWS_DEFAULT_PROFILE"] ?? "default"
        let profile = shared.profile(profileName)
        if profile == nil, profileName != "default" {
            throw AWSClientError.configuration(
                "profile '\(profileName)' is not in \(shared.configPath) or \(shared.credentialsPath)")
        }
        guard
            let region = options.region ?? environment["AWS_REGION"] ?? environment["AWS_DEFAULT_REGION"]
                ?? profile?["region"]
        else {
            throw AWSClientError.configuration(
                "no region: pass --region, set AWS_REGION, or add 'region' to profile '\(profileName)'")
        }
        let maxAttempts = try maxAttempts(environment["AWS_MAX_ATTEMPTS"] ?? profile?["max_attempts"])
        let endpoints = EndpointResolver(
            region: region, explicitURL: options.endpointURL, environment: environment, profile: profile,
            servicesSection: profile?["services"].flatMap { shared.services($0) })
        var providers: [any CredentialProvider] = []
        if options.profile == nil { providers.append(EnvironmentCredentialProvider(environment: environment)) }
        providers.append(
            CachedCredentialProvider(
                WebIdentityCredentialProvider.fromEnvironment(
                    environment, region: region, transport: transport, endpoints: endpoints),
                now: environment.now))
        providers.append(
            ProfileCredentialProvider(
                profileName: profileName, shared: shared, environment: environment, transport: transport,
                defaultRegion: region, endpoints: endpoints))
        providers.append(
            CachedCredentialProvider(
                ContainerCredentialProvider(environment: environment, transport: transport), now: environment.now))
        providers.append(
            CachedCredentialProvider(
                InstanceMetadataCredentialProvider(environment: environment, transport: transport), now: environment.now
            ))
        var configuration = ClientConfiguration(
            profileName: profileName, region: region, endpoints: endpoints, credentials: CredentialChain(providers),
            retry: RetryPolicy(maxAttempts: maxAttempts), shared: shared)
        if let timeout = options.readTimeout { configuration.readTimeout = timeout }
        return configuration
    }

    /// `max_attempts` as the CLI reads it (a whole number ≥ 1; 3 when unset).
    public static func maxAttempts(_ text: String?) throws -> Int {
        guard let text else { return 3 }
        guard let parsed = Int(text), parsed >= 1 else {
            throw AWSClientError.configuration("max_attempts must be a whole number ≥ 1, not '\(text)'")
        }
        return parsed
    }

    /// A client on these settings.
    public func makeClient(transport: any HTTPTransport = AsyncHTTPTransport()) -> AWSClient {
        AWSClient(
            region: region, credentials: credentials, endpoints: endpoints, transport: transport, retry: retry,
            timeout: readTimeout)
    }
}
