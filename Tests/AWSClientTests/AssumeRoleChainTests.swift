import AWSClient
import AWSServices
import Foundation
import SigV4
import TestSupport
import Testing

/// `role_arn` + `source_profile` chains and `credential_source`, resolved against moto's STS.
@Suite struct AssumeRoleChainTests {
    @Test func chainedRolesAssumeEachInTurn() async throws {
        let moto = try await MotoFixture.shared.instance(.executing)
        let directory = try TemporaryDirectory("chain")
        defer { directory.remove() }
        let config = try directory.write(
            ".aws/config",
            """
            [profile base]
            region = us-east-1
            [profile mid]
            role_arn = arn:aws:iam::123456789012:role/mid-role
            source_profile = base
            role_session_name = mid-session
            [profile top]
            role_arn = arn:aws:iam::123456789012:role/top-role
            source_profile = mid
            role_session_name = top-session
            region = us-east-1
            """)
        let credentials = try directory.write(
            ".aws/credentials", "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = base-secret\n")
        let environment = TestAWS.isolatedEnvironment(
            ["AWS_CONFIG_FILE": config, "AWS_SHARED_CREDENTIALS_FILE": credentials, "AWS_ENDPOINT_URL": moto.endpoint],
            home: directory.path)
        let recording = ScriptedTransport { _, _ in nil }
        let resolved = try ClientConfiguration.resolve(
            options: ClientOptions(profile: "top"), environment: environment, transport: recording)
        let found = try #require(try await resolved.credentials.credentials())
        #expect(found.source == "profile top (assume role)")
        #expect(found.signing.sessionToken != nil)
        #expect(found.expiration != nil)

        let assumeCalls = recording.requests.filter {
            String(decoding: $0.body, as: UTF8.self).contains("Action=AssumeRole&")
        }
        #expect(assumeCalls.count == 2)
        let first = String(decoding: assumeCalls[0].body, as: UTF8.self)
        let second = String(decoding: assumeCalls[1].body, as: UTF8.self)
        #expect(first.contains("mid-role"))
        #expect(second.contains("top-role"))
        // The first call is signed with the base keys, the second with the mid role's temporary keys.
        let authorization = { (request: HTTPRequest) in request.headers.first { $0.0 == "Authorization" }?.1 ?? "" }
        #expect(authorization(assumeCalls[0]).contains("Credential=AKIDBASE/"))
        #expect(!authorization(assumeCalls[1]).contains("AKIDBASE"))
        #expect(assumeCalls[1].headers.contains { $0.0 == "X-Amz-Security-Token" })

        // Cached: a second resolution makes no new STS call.
        _ = try await resolved.credentials.credentials()
        #expect(
            recording.requests.filter { String(decoding: $0.body, as: UTF8.self).contains("Action=AssumeRole&") }.count
                == 2)

        // The credentials work for a real call.
        let client = resolved.makeClient()
        let identity = try await STSClient(client: client).getCallerIdentity()
        #expect(identity.arn.contains("top-role"))
    }

    @Test func credentialSourceEnvironmentFeedsAssumeRole() async throws {
        let moto = try await MotoFixture.shared.instance(.executing)
        let directory = try TemporaryDirectory("credsource")
        defer { directory.remove() }
        let config = try directory.write(
            ".aws/config",
            "[profile ops]\nrole_arn = arn:aws:iam::123456789012:role/ops\ncredential_source = Environment\nregion = us-east-1\n"
        )
        let environment = TestAWS.isolatedEnvironment(
            [
                "AWS_CONFIG_FILE": config, "AWS_SHARED_CREDENTIALS_FILE": directory.path + "/none",
                "AWS_ENDPOINT_URL": moto.endpoint,
                "AWS_ACCESS_KEY_ID": "AKIDFROMENV", "AWS_SECRET_ACCESS_KEY": "env-secret",
            ], home: directory.path)
        let resolved = try ClientConfiguration.resolve(options: ClientOptions(profile: "ops"), environment: environment)
        let found = try #require(try await resolved.credentials.credentials())
        #expect(found.source == "profile ops (assume role)")
        #expect(found.signing.accessKeyId != "AKIDFROMENV")
    }

    @Test func aFailingAssumeRoleNamesTheRole() async throws {
        let directory = try TemporaryDirectory("badrole")
        defer { directory.remove() }
        let config = try directory.write(
            ".aws/config",
            "[profile ops]\nrole_arn = arn:aws:iam::123456789012:role/ops\nsource_profile = base\n[profile base]\n")
        let credentials = try directory.write(
            ".aws/credentials", "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = base-secret\n")
        let denying = ScriptedTransport { _, _ in
            HTTPResponse(
                status: 403,
                body: Array(
                    "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not allowed</Message></Error><RequestId>r-1</RequestId></ErrorResponse>"
                        .utf8))
        }
        let environment = TestAWS.isolatedEnvironment(
            ["AWS_CONFIG_FILE": config, "AWS_SHARED_CREDENTIALS_FILE": credentials, "AWS_REGION": "us-east-1"],
            home: directory.path)
        let resolved = try ClientConfiguration.resolve(
            options: ClientOptions(profile: "ops"), environment: environment, transport: denying)
        await #expect {
            _ = try await resolved.credentials.credentials()
        } throws: { error in
            let text = String(describing: error)
            return text
                == "credentials from profile ops (assume role) failed: AssumeRole arn:aws:iam::123456789012:role/ops: AccessDenied: not allowed"
                && !text.contains("base-secret")
        }
    }
}
