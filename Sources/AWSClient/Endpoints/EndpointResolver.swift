import Foundation

/// Where a service's requests go and which region they are signed for.
public struct Endpoint: Sendable, Hashable {
    /// `scheme://host[:port]` plus an optional base path, no trailing slash.
    public var url: String
    public var signingRegion: String
    /// True when the URL came from configuration rather than the standard pattern.
    public var isCustom: Bool

    public init(url: String, signingRegion: String, isCustom: Bool) {
        var trimmed = url
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.url = trimmed
        self.signingRegion = signingRegion
        self.isCustom = isCustom
    }

    /// Splits the URL into origin and base path (a custom endpoint may carry a path prefix).
    public var originAndBasePath: (origin: String, basePath: String) {
        guard let schemeEnd = url.range(of: "://") else { return (url, "") }
        let rest = url[schemeEnd.upperBound...]
        guard let slash = rest.firstIndex(of: "/") else { return (url, "") }
        return (String(url[..<slash]), String(url[slash...]))
    }
}

/// Resolves endpoints the way the AWS CLI does, first match wins:
/// `--endpoint-url`, `AWS_ENDPOINT_URL_<SERVICE>`, `AWS_ENDPOINT_URL`, the profile's `services`
/// section, the profile's `endpoint_url` (botocore's `ConfiguredEndpointProvider` order), then the
/// service's standard hostname in the region's partition as botocore's endpoint rules give it —
/// FIPS and/or dual-stack when `use_fips_endpoint` / `use_dualstack_endpoint` (or
/// `AWS_USE_FIPS_ENDPOINT` / `AWS_USE_DUALSTACK_ENDPOINT`) say so. A configured URL is used as it
/// is (botocore turns the variants off for it). `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true` (or the
/// profile's `ignore_configured_endpoint_urls`) skips everything but `--endpoint-url`.
public struct EndpointResolver: Sendable {
    public var region: String
    public var explicitURL: String?
    public var environment: ProcessEnvironment
    public var profile: Profile?
    public var servicesSection: [String: [String: String]]?
    /// FIPS and dual-stack, from the environment and the profile.
    public var variant: EndpointVariant

    public init(
        region: String, explicitURL: String? = nil, environment: ProcessEnvironment, profile: Profile? = nil,
        servicesSection: [String: [String: String]]? = nil
    ) {
        self.region = region
        self.explicitURL = explicitURL
        self.environment = environment
        self.profile = profile
        self.servicesSection = servicesSection
        self.variant = EndpointVariant.resolve(environment: environment, profile: profile)
    }

    /// The same settings for another region (the SSO portal lives in `sso_region`) and without
    /// the command line's `--endpoint-url`, which names the command's service only.
    public func forCredentials(region: String? = nil) -> EndpointResolver {
        var copy = self
        copy.region = region ?? self.region
        copy.explicitURL = nil
        return copy
    }

    /// Where `service`'s requests go; throws when the variant asked for does not exist in the
    /// region's partition.
    public func resolve(_ service: ServiceDescriptor) throws -> Endpoint {
        if let configured = configuredEndpoint(for: service) { return configured }
        let resolved = try EndpointRules.resolve(
            service, region: region, partition: Partition.of(region: region), variant: variant)
        return Endpoint(url: resolved.url, signingRegion: resolved.signingRegion, isCustom: false)
    }

    /// `resolve`, for showing: a variant the partition lacks shows the standard endpoint (the
    /// request itself fails with `resolve`'s error).
    public func endpoint(for service: ServiceDescriptor) -> Endpoint {
        if let endpoint = try? resolve(service) { return endpoint }
        var standard = self
        standard.variant = EndpointVariant()
        return (try? standard.resolve(service))
            ?? Endpoint(
                url: "https://\(service.endpointPrefix).\(region).amazonaws.com", signingRegion: region, isCustom: false
            )
    }

    /// An endpoint URL the operator configured for `service`, signed for the region the standard
    /// endpoint would sign for (a global service's partition region).
    func configuredEndpoint(for service: ServiceDescriptor) -> Endpoint? {
        let url: String?
        if let explicitURL {
            url = explicitURL
        } else if environment["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"]?.lowercased() == "true"
            || profile?["ignore_configured_endpoint_urls"]?.lowercased() == "true"
        {
            url = nil
        } else if let fromEnvironment = environment[service.endpointEnvironmentVariable]
            ?? environment["AWS_ENDPOINT_URL"]
        {
            url = fromEnvironment
        } else if let fromServices = servicesSection?[service.servicesSectionKey]?["endpoint_url"],
            !fromServices.isEmpty
        {
            url = fromServices
        } else {
            url = profile?["endpoint_url"]
        }
        guard let url else { return nil }
        let partition = Partition.of(region: region)
        let signingRegion =
            service.isGlobal
            ? ((try? EndpointRules.resolve(service, region: region, partition: partition, variant: EndpointVariant()))?
                .signingRegion ?? partition.globalSigningRegion)
            : region
        return Endpoint(url: url, signingRegion: signingRegion, isCustom: true)
    }
}
