import AWSClient
import Foundation
import TestSupport
import Testing

/// FIPS and dual-stack endpoints ("Dual-stack and FIPS endpoints", AWS SDKs and Tools Reference
/// Guide), checked against the endpoint rule sets of botocore installed in the machine's Python.
@Suite struct EndpointVariantTests {
    /// botocore's service name → the descriptor OrderDeck calls it through (execute-api has no
    /// rule set: an API is invoked at its own URL).
    static let services: [String: ServiceDescriptor] = [
        "dynamodb": .dynamoDB, "dynamodbstreams": .dynamoDBStreams, "stepfunctions": .stepFunctions,
        "logs": .cloudWatchLogs, "sns": .sns, "iam": .iam,
        "sts": .sts, "cloudformation": .cloudFormation, "cloudwatch": .cloudWatch, "apigateway": .apiGateway,
        "sso": .sso,
    ]

    /// One line per service × region botocore lists × FIPS × dual-stack:
    /// `service region fips dualstack url signing-region` or `… ERR message`.
    static let script = """
        import sys
        import botocore.loaders, botocore.endpoint_provider as ep
        loader = botocore.loaders.Loader()
        partitions = loader.load_data('partitions')
        regions = [r for p in partitions['partitions'] for r in p['regions']]
        for service in sys.argv[1:]:
            provider = ep.EndpointProvider(loader.load_service_model(service, 'endpoint-rule-set-1'), partitions)
            for region in regions:
                for fips in (False, True):
                    for dual in (False, True):
                        head = f'{service} {region} {int(fips)} {int(dual)}'
                        try:
                            e = provider.resolve_endpoint(Region=region, UseFIPS=fips, UseDualStack=dual)
                        except Exception as error:
                            print(head, 'ERR', str(error).replace('\\n', ' '))
                            continue
                        schemes = e.properties.get('authSchemes') or [{}]
                        print(head, e.url, schemes[0].get('signingRegion') or region)
        """

    /// botocore's answers, or nil (with the reason) when botocore is not installed.
    static func botocoreAnswers() throws -> (lines: [String], missing: String?) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + services.keys.sorted()
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if process.terminationStatus != 0 {
            if errorText.contains("No module named 'botocore'") { return ([], "botocore is not installed") }
            throw AWSClientError.configuration("the botocore script failed: \(errorText)")
        }
        return (String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init), nil)
    }

    @Test func everyServiceRegionAndVariantAsBotocoreResolvesIt() throws {
        let (lines, missing) = try Self.botocoreAnswers()
        if let missing {
            print("⚠️  SKIPPED the botocore endpoint comparison: \(missing)")
            return
        }
        #expect(lines.count >= Self.services.count * 30 * 4)
        var mismatches: [String] = []
        for line in lines {
            let fields = line.split(separator: " ", maxSplits: 5).map(String.init)
            let (serviceName, region, fips, dual) = (fields[0], fields[1], fields[2] == "1", fields[3] == "1")
            let service = try #require(Self.services[serviceName])
            let environment = TestAWS.isolatedEnvironment([
                "AWS_USE_FIPS_ENDPOINT": fips ? "true" : "false", "AWS_USE_DUALSTACK_ENDPOINT": dual ? "true" : "false",
            ])
            let resolver = EndpointResolver(region: region, environment: environment)
            let ours: String
            do {
                let endpoint = try resolver.resolve(service)
                ours = "\(endpoint.url) \(endpoint.signingRegion)"
            } catch {
                ours = "ERR \(error)"
            }
            let expected = fields[4...].joined(separator: " ")
            let agrees = fields[4] == "ERR" ? ours.hasPrefix("ERR") : ours == expected
            if !agrees {
                mismatches.append("\(fields[0...3].joined(separator: " ")): botocore \(expected), ours \(ours)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) of \(lines.count):\n\(mismatches.joined(separator: "\n"))")
    }

    @Test func theSettingsComeFromTheEnvironmentThenTheProfile() {
        let profile = Profile(
            name: "gov", values: ["use_fips_endpoint": "true", "use_dualstack_endpoint": "TRUE"], source: "config")
        let plain = TestAWS.isolatedEnvironment()
        #expect(
            EndpointResolver(region: "us-east-1", environment: plain, profile: profile).endpoint(for: .sts).url
                == "https://sts-fips.us-east-1.api.aws")
        let off = TestAWS.isolatedEnvironment(["AWS_USE_FIPS_ENDPOINT": "false"])
        #expect(
            EndpointResolver(region: "us-east-1", environment: off, profile: profile).endpoint(for: .sts).url
                == "https://sts.us-east-1.api.aws")
        let variant = EndpointResolver(region: "us-east-1", environment: off, profile: profile).variant
        #expect(variant == EndpointVariant(fips: false, dualStack: true))
        #expect(variant.description == "dual-stack")
        #expect(EndpointVariant(fips: true, dualStack: true).description == "FIPS, dual-stack")
        #expect(EndpointVariant().description == "standard")
    }

    @Test func aConfiguredEndpointIsUsedAsItIs() {
        // As botocore: a configured endpoint URL turns FIPS and dual-stack off for that service.
        let environment = TestAWS.isolatedEnvironment([
            "AWS_USE_FIPS_ENDPOINT": "true", "AWS_ENDPOINT_URL_DYNAMODB": "http://127.0.0.1:8000",
        ])
        let resolver = EndpointResolver(region: "us-east-1", environment: environment)
        #expect(resolver.endpoint(for: .dynamoDB).url == "http://127.0.0.1:8000")
        #expect(resolver.endpoint(for: .stepFunctions).url == "https://states-fips.us-east-1.amazonaws.com")
    }

    @Test func regionsBotocoreDoesNotListYetFollowTheirPartition() {
        let environment = TestAWS.isolatedEnvironment(["AWS_USE_DUALSTACK_ENDPOINT": "true"])
        #expect(
            EndpointResolver(region: "ap-future-9", environment: environment).endpoint(for: .dynamoDB).url
                == "https://dynamodb.ap-future-9.api.aws")
        #expect(
            EndpointResolver(region: "us-isof-west-7", environment: environment).endpoint(for: .cloudWatchLogs).url
                == "https://logs.us-isof-west-7.api.aws.hci.ic.gov")
        #expect(Partition.of(region: "eusc-de-west-2").name == "aws-eusc")
        #expect(Partition.of(region: "aws-us-gov-global").name == "aws-us-gov")
        #expect(Partition.of(region: "local").name == "aws")
    }
}
