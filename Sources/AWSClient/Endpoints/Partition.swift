/// AWS partitions as the SDKs' `partitions.json` describes them (botocore's `partitions` data):
/// which DNS suffixes a region's endpoints live under and whether FIPS and dual-stack exist.
public struct Partition: Sendable, Hashable {
    public var name: String
    public var dnsSuffix: String
    /// The suffix of dual-stack (IPv4 and IPv6) endpoints.
    public var dualStackDnsSuffix: String
    /// The region global services (IAM) sign for in this partition.
    public var globalSigningRegion: String
    /// Region name prefixes of `^(prefix)-\w+-\d+$`, the partition's `regionRegex`.
    public var regionPrefixes: [String]
    public var supportsFIPS: Bool = true
    public var supportsDualStack: Bool = true

    public static let aws = Partition(
        name: "aws", dnsSuffix: "amazonaws.com", dualStackDnsSuffix: "api.aws", globalSigningRegion: "us-east-1",
        regionPrefixes: ["us", "eu", "ap", "sa", "ca", "me", "af", "il", "mx"])
    public static let china = Partition(
        name: "aws-cn", dnsSuffix: "amazonaws.com.cn", dualStackDnsSuffix: "api.amazonwebservices.com.cn",
        globalSigningRegion: "cn-northwest-1", regionPrefixes: ["cn"])
    public static let europeanSovereignCloud = Partition(
        name: "aws-eusc", dnsSuffix: "amazonaws.eu", dualStackDnsSuffix: "api.amazonwebservices.eu",
        globalSigningRegion: "eusc-de-east-1", regionPrefixes: ["eusc-de"])
    public static let govCloud = Partition(
        name: "aws-us-gov", dnsSuffix: "amazonaws.com", dualStackDnsSuffix: "api.aws",
        globalSigningRegion: "us-gov-west-1", regionPrefixes: ["us-gov"])
    public static let iso = Partition(
        name: "aws-iso", dnsSuffix: "c2s.ic.gov", dualStackDnsSuffix: "api.aws.ic.gov",
        globalSigningRegion: "us-iso-east-1", regionPrefixes: ["us-iso"])
    public static let isoB = Partition(
        name: "aws-iso-b", dnsSuffix: "sc2s.sgov.gov", dualStackDnsSuffix: "api.aws.scloud",
        globalSigningRegion: "us-isob-east-1", regionPrefixes: ["us-isob"])
    public static let isoE = Partition(
        name: "aws-iso-e", dnsSuffix: "cloud.adc-e.uk", dualStackDnsSuffix: "api.cloud-aws.adc-e.uk",
        globalSigningRegion: "eu-isoe-west-1", regionPrefixes: ["eu-isoe"])
    public static let isoF = Partition(
        name: "aws-iso-f", dnsSuffix: "csp.hci.ic.gov", dualStackDnsSuffix: "api.aws.hci.ic.gov",
        globalSigningRegion: "us-isof-south-1", regionPrefixes: ["us-isof"])

    public static let all: [Partition] = [.aws, .china, .europeanSovereignCloud, .iso, .isoB, .isoE, .isoF, .govCloud]

    /// The partition a region belongs to, as the endpoint rules' `aws.partition` finds it: the
    /// pseudo-region `<partition>-global`, then the partition's region pattern (so a region
    /// launched after this build still lands in its partition), else `aws`.
    public static func of(region: String) -> Partition {
        if let global = all.first(where: { region == "\($0.name)-global" }) { return global }
        return all.first { $0.matches(region: region) } ?? .aws
    }

    /// `^(prefix)-\w+-\d+$` without a regular expression.
    func matches(region: String) -> Bool {
        regionPrefixes.contains { prefix in
            guard region.hasPrefix(prefix + "-") else { return false }
            let parts = region.dropFirst(prefix.count + 1).split(separator: "-", omittingEmptySubsequences: false)
            return parts.count == 2
                && !parts[0].isEmpty && parts[0].allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
                && !parts[1].isEmpty && parts[1].allSatisfy { $0.isASCII && $0.isNumber }
        }
    }
}
