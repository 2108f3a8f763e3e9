/// AWS partitions: which DNS suffix a region's endpoints live under.
public struct Partition: Sendable, Hashable {
    public var name: String
    public var dnsSuffix: String
    /// Region that global services sign for in this partition.
    public var globalSigningRegion: String

    public static let aws = Partition(name: "aws", dnsSuffix: "amazonaws.com", globalSigningRegion: "us-east-1")
    public static let china = Partition(
        name: "aws-cn", dnsSuffix: "amazonaws.com.cn", globalSigningRegion: "cn-north-1")
    public static let govCloud = Partition(
        name: "aws-us-gov", dnsSuffix: "amazonaws.com", globalSigningRegion: "us-gov-west-1")
    public static let iso = Partition(name: "aws-iso", dnsSuffix: "c2s.ic.gov", globalSigningRegion: "us-iso-east-1")
    public static let isoB = Partition(
        name: "aws-iso-b", dnsSuffix: "sc2s.sgov.gov", globalSigningRegion: "us-isob-east-1")

    /// The partition a region belongs to, by its prefix as in the SDKs' partitions.json.
    public static func of(region: String) -> Partition {
        if region.hasPrefix("cn-") { return .china }
        if region.hasPrefix("us-gov-") { return .govCloud }
        if region.hasPrefix("us-isob-") { return .isoB }
        if region.hasPrefix("us-iso-") { return .iso }
        return .aws
    }
}
