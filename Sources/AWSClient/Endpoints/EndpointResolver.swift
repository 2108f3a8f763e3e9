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
/// section, the profile's `endpoint_url`, then `https://{prefix}.{region}.{partition suffix}`.
/// `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true` (or the profile's `ignore_configured_endpoint_urls`)
/// skips everything but `--endpoint-url`.
public struct EndpointResolver: Sendable {
    public var region: String
    public var explicitURL: String?
    public var environment: ProcessEnvironment
    public var profile: Profile?
    public var servicesSection: [String: [String: String]]?

    public init(
        region: String, explicitURL: String? = nil, environment: ProcessEnvironment, profile: Profile? = nil,
        servicesSection: [String: [String: String]]? = nil
    ) {
        self.region = region
        self.explicitURL = explicitURL
        self.environment = environment
        self.profile = profile
        self.servicesSection = servicesSection
    }

    public func endpoint(for service: ServiceDescriptor) -> Endpoint {
        let partition = Partition.of(region: region)
        let signingRegion = service.isGlobal ? partition.globalSigningRegion : region
        if let explicitURL { return Endpoint(url: explicitURL, signingRegion: signingRegion, isCustom: true) }
        let ignoreConfigured =
            environment["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"]?.lowercased() == "true"
            || profile?["ignore_configured_endpoint_urls"]?.lowercased() == "true"
        if !ignoreConfigured {
            if let url = environment[service.endpointEnvironmentVariable] ?? environment["AWS_ENDPOINT_URL"] {
                return Endpoint(url: url, signingRegion: signingRegion, isCustom: true)
            }
            if let url = servicesSection?[service.servicesSectionKey]?["endpoint_url"], !url.isEmpty {
                return Endpoint(url: url, signingRegion: signingRegion, isCustom: true)
            }
            if let url = profile?["endpoint_url"] {
                return Endpoint(url: url, signingRegion: signingRegion, isCustom: true)
            }
        }
        return Endpoint(
            url: standardURL(for: service, partition: partition), signingRegion: signingRegion, isCustom: false)
    }

    func standardURL(for service: ServiceDescriptor, partition: Partition) -> String {
        if service.isGlobal {
            return partition == .aws
                ? "https://\(service.endpointPrefix).amazonaws.com"
                : "https://\(service.endpointPrefix).\(partition.globalSigningRegion).\(partition.dnsSuffix)"
        }
        return "https://\(service.endpointPrefix).\(region).\(partition.dnsSuffix)"
    }
}
