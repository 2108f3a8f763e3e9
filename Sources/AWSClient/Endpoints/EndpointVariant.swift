import Foundation

/// Which hostnames a service is reached at: the standard ones, FIPS 140 validated ones, dual-stack
/// (IPv4 and IPv6) ones, or both ("Dual-stack and FIPS endpoints", AWS SDKs and Tools Reference
/// Guide).
public struct EndpointVariant: Sendable, Hashable, CustomStringConvertible {
    public var fips: Bool
    public var dualStack: Bool

    public init(fips: Bool = false, dualStack: Bool = false) {
        self.fips = fips
        self.dualStack = dualStack
    }

    /// `AWS_USE_FIPS_ENDPOINT` / `AWS_USE_DUALSTACK_ENDPOINT`, else the profile's
    /// `use_fips_endpoint` / `use_dualstack_endpoint`; `true` in any case turns one on, as in
    /// botocore.
    public static func resolve(environment: ProcessEnvironment, profile: Profile?) -> EndpointVariant {
        func flag(_ variable: String, _ setting: String) -> Bool {
            (environment[variable] ?? profile?[setting])?.trimmingCharacters(in: .whitespaces).lowercased() == "true"
        }
        return EndpointVariant(
            fips: flag("AWS_USE_FIPS_ENDPOINT", "use_fips_endpoint"),
            dualStack: flag("AWS_USE_DUALSTACK_ENDPOINT", "use_dualstack_endpoint"))
    }

    /// As `whoami` shows it: `standard`, `FIPS`, `dual-stack` or `FIPS, dual-stack`.
    public var description: String {
        switch (fips, dualStack) {
        case (false, false): "standard"
        case (true, false): "FIPS"
        case (false, true): "dual-stack"
        case (true, true): "FIPS, dual-stack"
        }
    }
}
