import AWSClient
import Foundation
import SigV4
import Synchronization
import TestSupport
import Testing

/// The standardized credential providers ("Standardized credential providers", AWS SDKs and
/// Tools Reference Guide) through the scripted transport: recorded exchanges of IMDS, STS and the
/// SSO portal, nothing leaving the process.
@Suite struct CredentialProviderSpecTests {
    /// A time a test moves by hand.
    final class Now: Sendable {
        let value = Mutex(Date(timeIntervalSince1970: 1_795_421_900))
        func advance(_ seconds: TimeInterval) { value.withLock { $0 += seconds } }
        var closure: @Sendable () -> Date { { self.value.withLock { $0 } } }
    }

    static func answer(_ status: Int, _ body: String = "") -> HTTPResponse {
        HTTPResponse(status: status, body: Array(body.utf8))
    }

    static let imdsDocument = """
        {"Code": "Success", "AccessKeyId": "AKIDIMDS", "SecretAccessKey": "imds-secret",
         "Token": "imds-token", "Expiration": "2099-01-01T00:00:00Z"}
        """

    static func stsAnswer(_ action: String = "AssumeRole") -> HTTPResponse {
        answer(
            200,
            """
            <\(action)Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><\(action)Result>
            <Credentials><AccessKeyId>ASIAROLE</AccessKeyId><SecretAccessKey>role-secret</SecretAccessKey>
            <SessionToken>role-token</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>
            </\(action)Result></\(action)Response>
            """)
    }

    /// Loads a configuration from temporary files; the directory lives as long as the test.
    static func configuration(
        env: [String: String] = [:], config: String = "", credentials: String = "", options: ClientOptions,
        transport: any HTTPTransport, directory: TemporaryDirectory
    ) throws -> ClientConfiguration {
        var variables = env
        variables["AWS_CONFIG_FILE"] = try directory.write(".aws/config", config)
        variables["AWS_SHARED_CREDENTIALS_FILE"] = try directory.write(".aws/credentials", credentials)
        return try ClientConfiguration.resolve(
            options: options, environment: TestAWS.isolatedEnvironment(variables, home: directory.path),
            transport: transport)
    }

    // MARK: environment

    @Test func blankEnvironmentKeysAreUnset() async throws {
        let directory = try TemporaryDirectory("blank-env")
        defer { directory.remove() }
        let configuration = try Self.configuration(
            env: ["AWS_ACCESS_KEY_ID": "   ", "AWS_SECRET_ACCESS_KEY": " \t", "AWS_SESSION_TOKEN": " "],
            credentials: "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = file-secret\n",
            options: ClientOptions(region: "eu-west-1"), transport: ScriptedTransport { _, _ in Self.answer(599) },
            directory: directory)
        let found = try await configuration.credentials.credentials()
        #expect(found?.signing.accessKeyId == "AKIDFILE")
        #expect(found?.source == "profile default")
    }

    // MARK: EC2 instance metadata

    static func imdsEnvironment(now: Now) -> ProcessEnvironment {
        var environment = TestAWS.isolatedEnvironment([
            "AWS_EC2_METADATA_DISABLED": "false", "AWS_EC2_METADATA_SERVICE_ENDPOINT": "http://127.0.0.1:9",
        ])
        environment.now = now.closure
        return environment
    }

    static func step(_ request: HTTPRequest) -> String {
        "\(request.method) \(request.path)"
    }

    @Test func instanceMetadataRetriesServerErrorsAndTimeouts() async throws {
        let now = Now()
        // Token: 503, a timeout, then 200. Role: 500 then 200. Document: 502 then 200.
        let transport = ScriptedTransport { request, number in
            switch number {
            case 0: return Self.answer(503)
            case 1: throw AWSClientError.network(endpoint: request.origin, reason: "timed out")
            case 2: return Self.answer(200, "TOKEN-1")
            case 3: return Self.answer(500)
            case 4: return Self.answer(200, "role-a\n")
            case 5: return Self.answer(502)
            default: return Self.answer(200, Self.imdsDocument)
            }
        }
        let slept = Mutex<[Duration]>([])
        let provider = InstanceMetadataCredentialProvider(
            environment: Self.imdsEnvironment(now: now), transport: transport,
            sleep: { duration in slept.withLock { $0.append(duration) } })
        let found = try #require(try await provider.credentials())
        // A short back-off before each second and third attempt, never a long wait.
        #expect(
            slept.withLock { $0 } == [.milliseconds(100), .milliseconds(200), .milliseconds(100), .milliseconds(100)])
        #expect(found.signing.accessKeyId == "AKIDIMDS")
        #expect(found.source == "EC2 instance metadata (role-a)")
        let role = "/latest/meta-data/iam/security-credentials/"
        #expect(
            transport.requests.map(Self.step) == [
                "PUT /latest/api/token", "PUT /latest/api/token", "PUT /latest/api/token", "GET \(role)",
                "GET \(role)", "GET \(role)role-a", "GET \(role)role-a",
            ])
        #expect(transport.requests[3].headers.contains { $0.0 == "X-aws-ec2-metadata-token" && $0.1 == "TOKEN-1" })
    }

    @Test func instanceMetadataGivesUpAfterThreeAttempts() async throws {
        let transport = ScriptedTransport { _, _ in Self.answer(503) }
        let provider = InstanceMetadataCredentialProvider(
            environment: Self.imdsEnvironment(now: Now()), transport: transport, sleep: { _ in })
        // No token after three tries: not on EC2 (or IMDS is down) — the chain goes on.
        #expect(try await provider.credentials() == nil)
        #expect(transport.requests.map(Self.step) == Array(repeating: "PUT /latest/api/token", count: 3))
    }

    @Test func instanceMetadataTokenIsReusedForItsTTL() async throws {
        let now = Now()
        let tokens = Mutex(0)
        let transport = ScriptedTransport { request, _ in
            if request.method == "PUT" {
                let ttl = request.headers.first { $0.0 == "X-aws-ec2-metadata-token-ttl-seconds" }?.1
                #expect(ttl == "21600")
                let count = tokens.withLock { count in
                    count += 1
                    return count
                }
                return Self.answer(200, "TOKEN-\(count)")
            }
            if request.path.hasSuffix("/security-credentials/") { return Self.answer(200, "role-a") }
            return Self.answer(200, Self.imdsDocument)
        }
        let provider = InstanceMetadataCredentialProvider(
            environment: Self.imdsEnvironment(now: now), transport: transport)
        _ = try await provider.credentials()
        now.advance(6 * 3600 - 120)
        _ = try await provider.credentials()
        #expect(transport.requests.filter { $0.method == "PUT" }.count == 1)
        let tokenHeader = { (request: HTTPRequest) in request.headers.first { $0.0 == "X-aws-ec2-metadata-token" }?.1 }
        #expect(transport.requests.compactMap(tokenHeader).allSatisfy { $0 == "TOKEN-1" })
        now.advance(120)
        _ = try await provider.credentials()
        #expect(transport.requests.filter { $0.method == "PUT" }.count == 2)
        #expect(tokenHeader(transport.requests.last!) == "TOKEN-2")
    }

    @Test func instanceMetadataFetchesANewTokenOnA401() async throws {
        let transport = ScriptedTransport { request, number in
            switch number {
            case 0: return Self.answer(200, "TOKEN-1")
            case 1: return Self.answer(401)  // IMDS restarted: the token it gave is gone
            case 2: return Self.answer(200, "TOKEN-2")
            case 3: return Self.answer(200, "role-a")
            default: return Self.answer(200, Self.imdsDocument)
            }
        }
        let provider = InstanceMetadataCredentialProvider(
            environment: Self.imdsEnvironment(now: Now()), transport: transport)
        #expect(try await provider.credentials()?.signing.accessKeyId == "AKIDIMDS")
        #expect(
            transport.requests.map(Self.step).prefix(4) == [
                "PUT /latest/api/token", "GET /latest/meta-data/iam/security-credentials/", "PUT /latest/api/token",
                "GET /latest/meta-data/iam/security-credentials/",
            ])
        #expect(transport.requests[3].headers.contains { $0.0 == "X-aws-ec2-metadata-token" && $0.1 == "TOKEN-2" })
    }

    // MARK: STS for assume-role and web identity

    static let roleConfig = """
        [profile base]
        aws_access_key_id = AKIDBASE
        aws_secret_access_key = base-secret
        [profile ops]
        role_arn = arn:aws:iam::123456789012:role/ops
        source_profile = base
        region = eu-west-1
        """

    static func scope(_ request: HTTPRequest) -> String? {
        guard let authorization = request.headers.first(where: { $0.0 == "Authorization" })?.1,
            let start = authorization.range(of: "Credential=")
        else { return nil }
        let credential = authorization[start.upperBound...].prefix { $0 != "," }
        return credential.split(separator: "/").dropFirst(2).prefix(2).joined(separator: "/")
    }

    /// The STS request an assume-role profile makes, given the environment and extra config.
    func assumeRoleRequest(env: [String: String] = [:], extraConfig: String = "") async throws -> HTTPRequest {
        let directory = try TemporaryDirectory("sts-endpoint")
        defer { directory.remove() }
        let transport = ScriptedTransport { _, _ in Self.stsAnswer() }
        let configuration = try Self.configuration(
            env: env, config: Self.roleConfig + "\n" + extraConfig, options: ClientOptions(profile: "ops"),
            transport: transport, directory: directory)
        let found = try await configuration.credentials.credentials()
        #expect(found?.signing.accessKeyId == "ASIAROLE")
        return try #require(transport.requests.first)
    }

    @Test func assumeRoleCallsSTSInTheClientsRegion() async throws {
        let request = try await assumeRoleRequest(env: ["AWS_REGION": "ap-southeast-2"])
        #expect(request.origin == "https://sts.ap-southeast-2.amazonaws.com")
        #expect(Self.scope(request) == "ap-southeast-2/sts")
        let profileRegion = try await assumeRoleRequest()
        #expect(profileRegion.origin == "https://sts.eu-west-1.amazonaws.com")
        #expect(Self.scope(profileRegion) == "eu-west-1/sts")
    }

    @Test func assumeRoleCallsTheConfiguredSTSEndpoint() async throws {
        let services = "services = corp\n[services corp]\nsts =\n  endpoint_url = http://127.0.0.1:7001\n"
        let profileURL = "endpoint_url = http://127.0.0.1:7004\n"
        // In botocore's order: the service's variable, the global variable, the profile's
        // services section, the profile's endpoint_url.
        let cases: [([String: String], String, String)] = [
            (
                ["AWS_ENDPOINT_URL_STS": "http://127.0.0.1:7002", "AWS_ENDPOINT_URL": "http://127.0.0.1:7003"],
                services, "http://127.0.0.1:7002"
            ),
            (["AWS_ENDPOINT_URL": "http://127.0.0.1:7003"], services, "http://127.0.0.1:7003"),
            ([:], services, "http://127.0.0.1:7001"),
            ([:], profileURL, "http://127.0.0.1:7004"),
            (["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"], services, "https://sts.eu-west-1.amazonaws.com"),
        ]
        for (env, extra, origin) in cases {
            // The extra lines belong to [profile ops], the last profile of the role config.
            let request = try await assumeRoleRequest(env: env, extraConfig: extra)
            #expect(request.origin == origin, "\(env) \(extra)")
        }
    }

    @Test func assumeRoleUsesTheFIPSAndDualStackSTSEndpoints() async throws {
        let fips = try await assumeRoleRequest(env: ["AWS_USE_FIPS_ENDPOINT": "true"])
        #expect(fips.origin == "https://sts-fips.eu-west-1.amazonaws.com")
        let both = try await assumeRoleRequest(
            env: ["AWS_REGION": "us-east-1"], extraConfig: "use_fips_endpoint = true\nuse_dualstack_endpoint = true\n")
        #expect(both.origin == "https://sts-fips.us-east-1.api.aws")
    }

    @Test func webIdentityCallsTheConfiguredSTSEndpoint() async throws {
        let directory = try TemporaryDirectory("web-identity")
        defer { directory.remove() }
        let tokenFile = try directory.write("token", "eyJ-token\n")
        let transport = ScriptedTransport { _, _ in Self.stsAnswer("AssumeRoleWithWebIdentity") }
        let configuration = try Self.configuration(
            env: [
                "AWS_WEB_IDENTITY_TOKEN_FILE": tokenFile, "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/web",
                "AWS_REGION": "eu-central-1", "AWS_USE_DUALSTACK_ENDPOINT": "true",
            ],
            config:
                "[default]\nregion = eu-west-1\nservices = corp\n[services corp]\nsts =\n  endpoint_url = http://127.0.0.1:7101\n",
            options: ClientOptions(), transport: transport, directory: directory)
        _ = try await configuration.credentials.credentials()
        #expect(transport.requests.first?.origin == "http://127.0.0.1:7101")

        let standard = ScriptedTransport { _, _ in Self.stsAnswer("AssumeRoleWithWebIdentity") }
        let plain = try Self.configuration(
            env: [
                "AWS_WEB_IDENTITY_TOKEN_FILE": tokenFile, "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/web",
                "AWS_REGION": "eu-central-1", "AWS_USE_DUALSTACK_ENDPOINT": "true",
            ],
            config: "[default]\nregion = eu-west-1\n", options: ClientOptions(), transport: standard,
            directory: directory)
        _ = try await plain.credentials.credentials()
        #expect(standard.requests.first?.origin == "https://sts.eu-central-1.api.aws")
    }

    // MARK: the SSO portal

    @Test func ssoCallsTheFIPSPortalOfTheSSORegion() async throws {
        let directory = try TemporaryDirectory("sso-fips")
        defer { directory.remove() }
        _ = try directory.write(
            ".aws/sso/cache/" + SSOCredentialProvider.cacheFileName(for: "corp"),
            #"{"accessToken": "sso-access", "expiresAt": "2099-01-01T00:00:00Z"}"#)
        let transport = ScriptedTransport { _, _ in
            Self.answer(
                200,
                #"{"roleCredentials": {"accessKeyId": "ASIASSO", "secretAccessKey": "sso-secret", "sessionToken": "t", "expiration": 4070908800000}}"#
            )
        }
        let configuration = try Self.configuration(
            config: """
                [profile sso]
                sso_session = corp
                sso_account_id = 111122223333
                sso_role_name = Operator
                region = eu-west-1
                use_fips_endpoint = true
                [sso-session corp]
                sso_region = us-gov-west-1
                sso_start_url = https://corp.awsapps.com/start
                """, options: ClientOptions(profile: "sso"), transport: transport, directory: directory)
        let found = try await configuration.credentials.credentials()
        #expect(found?.signing.accessKeyId == "ASIASSO")
        // botocore's SSO rules: GovCloud's FIPS portal is the plain hostname.
        #expect(transport.requests.first?.origin == "https://portal.sso.us-gov-west-1.amazonaws.com")

        let commercial = ScriptedTransport { _, _ in
            Self.answer(
                200,
                #"{"roleCredentials": {"accessKeyId": "ASIASSO", "secretAccessKey": "sso-secret", "sessionToken": "t", "expiration": 4070908800000}}"#
            )
        }
        let inUS = try Self.configuration(
            env: ["AWS_USE_FIPS_ENDPOINT": "true"],
            config: """
                [profile sso]
                sso_session = corp
                sso_account_id = 111122223333
                sso_role_name = Operator
                region = eu-west-1
                [sso-session corp]
                sso_region = us-east-1
                sso_start_url = https://corp.awsapps.com/start
                """, options: ClientOptions(profile: "sso"), transport: commercial, directory: directory)
        _ = try await inUS.credentials.credentials()
        #expect(commercial.requests.first?.origin == "https://portal.sso-fips.us-east-1.amazonaws.com")
        #expect(commercial.requests.first?.path == "/federation/credentials")
    }
}
