import AWSClient
import TestSupport
import Testing

@Suite struct INIFileTests {
    @Test func parsesSectionsCommentsAndSubsections() throws {
        let file = try INIFile(
            parsing: """
                # comment
                [default]
                region = eu-west-1 ; trailing comment
                endpoint_url = http://localhost:4566/#anchor
                [profile dev]
                services = local
                s3 =
                  max_concurrent_requests = 10
                output=json
                [services local]
                dynamodb =
                  endpoint_url = http://127.0.0.1:5000
                """, path: "config")
        #expect(file.sections["default"]?.values["region"] == "eu-west-1")
        #expect(file.sections["default"]?.values["endpoint_url"] == "http://localhost:4566/#anchor")
        #expect(file.sections["profile dev"]?.subsections["s3"]?["max_concurrent_requests"] == "10")
        #expect(file.sections["profile dev"]?.values["output"] == "json")
        #expect(file.sections["services local"]?.subsections["dynamodb"]?["endpoint_url"] == "http://127.0.0.1:5000")
    }

    @Test func malformedLinesNameFileAndLine() {
        #expect(throws: INIFile.ParseError(path: "config", line: 2, reason: "expected 'key = value'")) {
            _ = try INIFile(parsing: "[default]\nthis is not a setting\n", path: "config")
        }
        #expect(throws: INIFile.ParseError(path: "c", line: 1, reason: "a setting before any [section]")) {
            _ = try INIFile(parsing: "region = x\n", path: "c")
        }
        #expect(throws: INIFile.ParseError(path: "c", line: 1, reason: "section header is missing its closing ']'")) {
            _ = try INIFile(parsing: "[default\n", path: "c")
        }
    }
}

@Suite struct EndpointResolutionTests {
    let env = TestAWS.isolatedEnvironment()

    @Test func standardEndpointsPerPartition() {
        #expect(
            EndpointResolver(region: "eu-west-1", environment: env).endpoint(for: .dynamoDB).url
                == "https://dynamodb.eu-west-1.amazonaws.com")
        #expect(
            EndpointResolver(region: "cn-north-1", environment: env).endpoint(for: .stepFunctions).url
                == "https://states.cn-north-1.amazonaws.com.cn")
        #expect(
            EndpointResolver(region: "us-gov-west-1", environment: env).endpoint(for: .cloudWatchLogs).url
                == "https://logs.us-gov-west-1.amazonaws.com")
        let iam = EndpointResolver(region: "eu-west-1", environment: env).endpoint(for: .iam)
        #expect(iam.url == "https://iam.amazonaws.com")
        #expect(iam.signingRegion == "us-east-1")
    }

    @Test func overridesInTheCLIsOrder() {
        let profile = Profile(
            name: "p", values: ["endpoint_url": "http://profile:1"], subsections: [:], source: "config")
        let services = ["dynamodb": ["endpoint_url": "http://services:2"]]
        let full = TestAWS.isolatedEnvironment([
            "AWS_ENDPOINT_URL": "http://global:3", "AWS_ENDPOINT_URL_DYNAMODB": "http://dynamo:4",
        ])
        #expect(
            EndpointResolver(
                region: "r", explicitURL: "http://flag:5", environment: full, profile: profile,
                servicesSection: services
            ).endpoint(for: .dynamoDB).url == "http://flag:5")
        #expect(
            EndpointResolver(region: "r", environment: full, profile: profile, servicesSection: services).endpoint(
                for: .dynamoDB
            ).url == "http://dynamo:4")
        #expect(
            EndpointResolver(region: "r", environment: full, profile: profile, servicesSection: services).endpoint(
                for: .stepFunctions
            ).url == "http://global:3")
        #expect(
            EndpointResolver(region: "r", environment: env, profile: profile, servicesSection: services).endpoint(
                for: .dynamoDB
            ).url == "http://services:2")
        #expect(
            EndpointResolver(region: "r", environment: env, profile: profile, servicesSection: services).endpoint(
                for: .sns
            ).url == "http://profile:1")
        let ignoring = TestAWS.isolatedEnvironment([
            "AWS_ENDPOINT_URL": "http://global:3", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true",
        ])
        #expect(
            EndpointResolver(region: "eu-west-1", environment: ignoring).endpoint(for: .sns).url
                == "https://sns.eu-west-1.amazonaws.com")
    }

    @Test func serviceSpecificVariableNames() {
        #expect(ServiceDescriptor.cloudWatchLogs.endpointEnvironmentVariable == "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS")
        #expect(ServiceDescriptor.stepFunctions.endpointEnvironmentVariable == "AWS_ENDPOINT_URL_SFN")
        #expect(ServiceDescriptor.apiGateway.endpointEnvironmentVariable == "AWS_ENDPOINT_URL_API_GATEWAY")
        #expect(ServiceDescriptor.cloudWatchLogs.servicesSectionKey == "cloudwatch_logs")
    }

    @Test func customEndpointWithABasePath() {
        let endpoint = Endpoint(url: "http://127.0.0.1:9000/proxy/", signingRegion: "r", isCustom: true)
        #expect(endpoint.originAndBasePath.origin == "http://127.0.0.1:9000")
        #expect(endpoint.originAndBasePath.basePath == "/proxy")
    }

    @Test func profileServicesSectionIsHonouredEndToEnd() throws {
        let directory = try TemporaryDirectory("svc")
        defer { directory.remove() }
        let config = try directory.write(
            ".aws/config",
            "[default]\nregion = eu-west-1\nservices = local\n[services local]\nsfn =\n  endpoint_url = http://127.0.0.1:7777\n"
        )
        let environment = TestAWS.isolatedEnvironment(["AWS_CONFIG_FILE": config], home: directory.path)
        let resolved = try ClientConfiguration.resolve(options: ClientOptions(), environment: environment)
        #expect(resolved.endpoints.endpoint(for: .stepFunctions).url == "http://127.0.0.1:7777")
        #expect(resolved.endpoints.endpoint(for: .dynamoDB).url == "https://dynamodb.eu-west-1.amazonaws.com")
    }
}
