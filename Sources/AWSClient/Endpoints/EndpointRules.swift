/// The hostnames botocore's endpoint rule sets (`<service>/…/endpoint-rule-set-1.json`) give the
/// services OrderDeck calls, in every partition, with FIPS and dual-stack on and off.
///
/// Most follow `https://{prefix}[-fips].{region}.{dnsSuffix | dualStackDnsSuffix}`; the exceptions
/// below are copied from the rule sets, service by service (a test resolves every service ×
/// region botocore lists × variant with botocore itself and compares).
enum EndpointRules {
    struct Resolved: Equatable {
        var url: String
        var signingRegion: String
    }

    /// GovCloud services whose FIPS endpoint (without dual-stack) is their plain hostname,
    /// because every GovCloud endpoint is FIPS validated.
    static let govCloudFIPSIsPlain: Set<String> = [
        "dynamodb", "streams.dynamodb", "sts", "cloudformation", "monitoring", "portal.sso",
    ]
    /// The same, only for the regions their rule sets name.
    static let govCloudFIPSIsPlainIn: [String: Set<String>] = [
        "logs": ["us-gov-east-1", "us-gov-west-1"], "sns": ["us-gov-east-1", "us-gov-west-1"],
        "states": ["us-gov-west-1"],
    ]

    static func resolve(
        _ service: ServiceDescriptor, region: String, partition: Partition, variant: EndpointVariant
    ) throws -> Resolved {
        if service.endpointPrefix == "iam", let iam = iam(partition: partition, variant: variant) {
            return iam
        }
        if variant.fips, !partition.supportsFIPS {
            throw AWSClientError.configuration(
                "FIPS endpoints are on (use_fips_endpoint / AWS_USE_FIPS_ENDPOINT) but partition \(partition.name) has none"
            )
        }
        if variant.dualStack, !partition.supportsDualStack {
            throw AWSClientError.configuration(
                "dual-stack endpoints are on (use_dualstack_endpoint / AWS_USE_DUALSTACK_ENDPOINT) but partition \(partition.name) has none"
            )
        }
        var prefix = service.endpointPrefix
        // DynamoDB Streams: dual-stack hosts are `streams-dynamodb` in these partitions' rules.
        if prefix == "streams.dynamodb", variant.dualStack, ["aws", "aws-cn", "aws-us-gov"].contains(partition.name) {
            prefix = "streams-dynamodb"
        }
        let suffix = variant.dualStack ? partition.dualStackDnsSuffix : partition.dnsSuffix
        var fips = variant.fips
        if partition == .govCloud {
            if variant.fips, !variant.dualStack,
                govCloudFIPSIsPlain.contains(prefix) || govCloudFIPSIsPlainIn[prefix]?.contains(region) == true
            {
                fips = false
            }
            // CloudWatch: GovCloud's FIPS dual-stack endpoint is the plain dual-stack one.
            if prefix == "monitoring", variant.fips, variant.dualStack { fips = false }
            // Step Functions: GovCloud's dual-stack endpoint is the FIPS one.
            if prefix == "states", !variant.fips, variant.dualStack { fips = true }
        }
        // STS: the legacy global endpoint, when asked for by its pseudo-region.
        if prefix == "sts", region == "aws-global", !variant.fips, !variant.dualStack {
            return Resolved(url: "https://sts.amazonaws.com", signingRegion: "us-east-1")
        }
        return Resolved(url: "https://\(prefix)\(fips ? "-fips" : "").\(region).\(suffix)", signingRegion: region)
    }

    /// IAM is global: one endpoint per partition (and variant), signed for the partition's
    /// global region; these partitions' rule sets name their endpoints one by one.
    static func iam(partition: Partition, variant: EndpointVariant) -> Resolved? {
        func at(_ host: String, _ signingRegion: String = partition.globalSigningRegion) -> Resolved {
            Resolved(url: "https://\(host)", signingRegion: signingRegion)
        }
        switch (partition.name, variant.fips, variant.dualStack) {
        case ("aws", false, true): return at("iam.global.api.aws")
        case ("aws", true, true): return at("iam-fips.global.api.aws")
        case ("aws-cn", false, true): return at("iam.global.api.amazonwebservices.com.cn", "cn-north-1")
        case ("aws-cn", false, false): return at("iam.cn-north-1.amazonaws.com.cn", "cn-north-1")
        case ("aws-us-gov", _, true): return at("iam.us-gov.api.aws")
        case ("aws-us-gov", _, false): return at("iam.us-gov.amazonaws.com")
        case ("aws-iso", false, false): return at("iam.us-iso-east-1.c2s.ic.gov")
        case ("aws-iso", true, false): return at("iam-fips.us-iso-east-1.c2s.ic.gov")
        case ("aws-iso-b", false, false): return at("iam.us-isob-east-1.sc2s.sgov.gov")
        case ("aws-iso-b", true, false): return at("iam-fips.us-isob-east-1.sc2s.sgov.gov")
        case ("aws-iso-e", false, false): return at("iam.eu-isoe-west-1.cloud.adc-e.uk")
        case ("aws-iso-f", false, false): return at("iam.us-isof-south-1.csp.hci.ic.gov")
        case ("aws-eusc", false, false): return at("iam.eusc-de-east-1.amazonaws.eu")
        default:
            if variant.fips, !partition.supportsFIPS { return nil }
            if variant.dualStack, !partition.supportsDualStack { return nil }
            let suffix = variant.dualStack ? partition.dualStackDnsSuffix : partition.dnsSuffix
            return at("iam\(variant.fips ? "-fips" : "").\(suffix)")
        }
    }
}
