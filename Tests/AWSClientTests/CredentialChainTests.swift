import AWSClient
import Foundation
import SigV4
import Synchronization
import TestSupport
import Testing

/// The credential chain read from temporary config/credentials files and an injected environment.
@Suite struct CredentialChainTests {
    func configuration(
        env: [String: String] = [:], config: String = "", credentials: String = "",
        options: ClientOptions = ClientOptions(region: "eu-west-1")
    ) throws -> (ClientConfiguration, TemporaryDirectory) {
        let directory = try TemporaryDirectory("creds")
        let configPath = try directory.write(".aws/config", config)
        let credentialsPath = try directory.write(".aws/credentials", credentials)
        var variables = env
        variables["AWS_CONFIG_FILE"] = configPath
        variables["AWS_SHARED_CREDENTIALS_FILE"] = credentialsPath
        let environment = TestAWS.isolatedEnvironment(variables, home: directory.path)
        return (try ClientConfiguration.resolve(options: options, environment: environment), directory)
    }

    func resolve(
        env: [String: String] = [:], config: String = "", credentials: String = "",
        options: ClientOptions = ClientOptions(region: "eu-west-1")
    ) async throws -> AWSCredentials? {
        let (resolved, directory) = try configuration(
            env: env, config: config, credentials: credentials, options: options)
        defer { directory.remove() }
        return try await resolved.credentials.credentials()
    }

    @Test func environmentComesFirst() async throws {
        let found = try await resolve(
            env: [
                "AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "env-secret", "AWS_SESSION_TOKEN": "env-token",
            ],
            credentials: "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = file-secret\n")
        #expect(found?.signing.accessKeyId == "AKIDENV")
        #expect(found?.signing.sessionToken == "env-token")
        #expect(found?.source == "environment")
    }

    @Test func explicitProfileSkipsEnvironment() async throws {
        let found = try await resolve(
            env: ["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "env-secret"],
            credentials: "[ops]\naws_access_key_id = AKIDOPS\naws_secret_access_key = ops-secret\n",
            options: ClientOptions(profile: "ops", region: "eu-west-1"))
        #expect(found?.signing.accessKeyId == "AKIDOPS")
    }

    @Test func awsProfileSelectsAProfileAndCredentialsFileWins() async throws {
        let found = try await resolve(
            env: ["AWS_PROFILE": "ops"],
            config: "[profile ops]\naws_access_key_id = AKIDCONFIG\naws_secret_access_key = c\nregion = ap-south-1\n",
            credentials: "[ops]\naws_access_key_id = AKIDCREDS\naws_secret_access_key = k\n")
        #expect(found?.signing.accessKeyId == "AKIDCREDS")
    }

    @Test func aPartialEnvironmentIsAClearError() async throws {
        await #expect {
            _ = try await resolve(env: ["AWS_ACCESS_KEY_ID": "AKIDENV"])
        } throws: { error in
            String(describing: error)
                == "credentials from environment failed: AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not"
        }
    }

    @Test func nothingConfiguredNamesEverySourceTried() async throws {
        await #expect {
            _ = try await resolve()
        } throws: { error in
            let text = String(describing: error)
            return text.hasPrefix("no AWS credentials found") && text.contains("environment")
                && text.contains("profile default")
                && text.contains("EC2 instance metadata")
        }
    }

    @Test func unknownProfileIsAConfigurationError() async throws {
        #expect(throws: AWSClientError.self) {
            _ = try configuration(options: ClientOptions(profile: "nope", region: "eu-west-1"))
        }
    }

    @Test func regionPrecedence() throws {
        let config = "[default]\nregion = ap-south-1\n"
        #expect(
            try configuration(
                env: ["AWS_REGION": "eu-north-1", "AWS_DEFAULT_REGION": "us-west-2"], config: config,
                options: .init(region: "sa-east-1")
            ).0.region == "sa-east-1")
        #expect(
            try configuration(
                env: ["AWS_REGION": "eu-north-1", "AWS_DEFAULT_REGION": "us-west-2"], config: config, options: .init()
            ).0.region == "eu-north-1")
        #expect(
            try configuration(env: ["AWS_DEFAULT_REGION": "us-west-2"], config: config, options: .init()).0.region
                == "us-west-2")
        #expect(try configuration(config: config, options: .init()).0.region == "ap-south-1")
        #expect(throws: AWSClientError.self) { _ = try configuration(options: .init()) }
    }

    @Test func maxAttemptsFromEnvironmentOrProfile() throws {
        #expect(
            try configuration(env: ["AWS_MAX_ATTEMPTS": "7"], config: "[default]\nmax_attempts = 2\n").0.retry
                .maxAttempts == 7)
        #expect(try configuration(config: "[default]\nmax_attempts = 2\n").0.retry.maxAttempts == 2)
        #expect(try configuration().0.retry.maxAttempts == 3)
        #expect(throws: AWSClientError.self) { _ = try configuration(env: ["AWS_MAX_ATTEMPTS": "zero"]) }
    }

    @Test func credentialProcessIsRunAndParsed() async throws {
        let directory = try TemporaryDirectory("proc")
        defer { directory.remove() }
        let script = try directory.write(
            "creds.sh",
            """
            #!/bin/sh
            echo '{"Version": 1, "AccessKeyId": "AKIDPROC", "SecretAccessKey": "proc-secret", "SessionToken": "proc-token", "Expiration": "2099-01-01T00:00:00Z"}'
            """, permissions: 0o700)
        let found = try await resolve(config: "[default]\ncredential_process = \(script)\n")
        #expect(found?.signing.accessKeyId == "AKIDPROC")
        #expect(found?.signing.sessionToken == "proc-token")
        #expect(found?.expiration == ISO8601.parse("2099-01-01T00:00:00Z"))
    }

    @Test func aFailingCredentialProcessSaysWhy() async throws {
        let directory = try TemporaryDirectory("proc")
        defer { directory.remove() }
        let failing = try directory.write(
            "fail.sh", "#!/bin/sh\necho 'token expired, run login' >&2\nexit 3\n", permissions: 0o700)
        await #expect {
            _ = try await resolve(config: "[default]\ncredential_process = \(failing)\n")
        } throws: { error in
            String(describing: error)
                == "credentials from profile default (credential_process) failed: command exited with status 3: token expired, run login"
        }
        let garbage = try directory.write("garbage.sh", "#!/bin/sh\necho 'not json'\n", permissions: 0o700)
        await #expect {
            _ = try await resolve(config: "[default]\ncredential_process = \(garbage)\n")
        } throws: { error in
            String(describing: error).contains("not the expected JSON")
        }
    }

    @Test func ssoWithoutACachedTokenSaysToLogIn() async throws {
        let config = """
            [profile sso]
            sso_session = corp
            sso_account_id = 111122223333
            sso_role_name = Operator
            region = eu-west-1
            [sso-session corp]
            sso_region = eu-west-1
            sso_start_url = https://corp.awsapps.com/start
            """
        await #expect {
            _ = try await resolve(config: config, options: .init(profile: "sso"))
        } throws: { error in
            String(describing: error)
                == "credentials from profile sso (sso) failed: no cached SSO token; run 'aws sso login'"
        }
    }

    @Test func ssoCacheFileNameIsTheSHA1OfTheSessionName() {
        // The AWS CLI names the cache file after the SHA-1 of the session name (or legacy start URL).
        #expect(SSOCredentialProvider.cacheFileName(for: "abc") == "a9993e364706816aba3e25717850c26c9cd0d89d.json")
    }

    @Test func roleArnWithoutASourceIsExplained() async throws {
        await #expect {
            _ = try await resolve(config: "[default]\nrole_arn = arn:aws:iam::123456789012:role/x\n")
        } throws: { error in
            String(describing: error).contains("role_arn needs source_profile or credential_source")
        }
    }

    @Test func sourceProfileCyclesAreRefused() async throws {
        let config = """
            [profile a]
            role_arn = arn:aws:iam::123456789012:role/a
            source_profile = b
            [profile b]
            role_arn = arn:aws:iam::123456789012:role/b
            source_profile = a
            """
        await #expect {
            _ = try await resolve(config: config, options: .init(profile: "a", region: "eu-west-1"))
        } throws: { error in
            String(describing: error).contains("source_profile cycle")
        }
    }

    @Test func errorsAndDescriptionsNeverShowSecrets() async throws {
        let found = try await resolve(env: [
            "AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "very-secret-value",
            "AWS_SESSION_TOKEN": "session-token-value",
        ])
        let text = "\(String(describing: found)) \(String(reflecting: found))"
        #expect(!text.contains("very-secret-value"))
        #expect(!text.contains("session-token-value"))
    }
}

/// Expiry and refresh of cached temporary credentials, with an injected clock.
@Suite struct CredentialRefreshTests {
    final class Counter: CredentialProvider, Sendable {
        let name = "counter"
        let calls = Mutex(0)
        let lifetime: TimeInterval
        let clock: @Sendable () -> Date
        init(lifetime: TimeInterval, clock: @escaping @Sendable () -> Date) {
            self.lifetime = lifetime
            self.clock = clock
        }
        func credentials() async throws -> AWSCredentials? {
            let number = calls.withLock { value in
                value += 1
                return value
            }
            return AWSCredentials(
                accessKeyId: "AKID\(number)", secretAccessKey: "s", sessionToken: "t",
                expiration: clock().addingTimeInterval(lifetime), source: name)
        }
    }

    @Test func refreshesBeforeExpiryAndNotBefore() async throws {
        let now = Mutex(Date(timeIntervalSince1970: 1_000_000))
        let clock: @Sendable () -> Date = { now.withLock { $0 } }
        let base = Counter(lifetime: 3600, clock: clock)
        let cached = CachedCredentialProvider(base, refreshWindow: 300, now: clock)
        #expect(try await cached.credentials()?.signing.accessKeyId == "AKID1")
        now.withLock { $0 = $0.addingTimeInterval(3000) }
        #expect(try await cached.credentials()?.signing.accessKeyId == "AKID1")
        now.withLock { $0 = $0.addingTimeInterval(301) }  // 299 s left: inside the refresh window
        #expect(try await cached.credentials()?.signing.accessKeyId == "AKID2")
        #expect(base.calls.withLock { $0 } == 2)
    }

    @Test func shortLivedCredentialsRefreshAtHalfTheirLifetime() async throws {
        let now = Mutex(Date(timeIntervalSince1970: 1_000_000))
        let clock: @Sendable () -> Date = { now.withLock { $0 } }
        let base = Counter(lifetime: 120, clock: clock)
        let cached = CachedCredentialProvider(base, refreshWindow: 300, now: clock)
        _ = try await cached.credentials()
        now.withLock { $0 = $0.addingTimeInterval(50) }
        #expect(try await cached.credentials()?.signing.accessKeyId == "AKID1")
        now.withLock { $0 = $0.addingTimeInterval(15) }
        #expect(try await cached.credentials()?.signing.accessKeyId == "AKID2")
    }

    @Test func concurrentCallersShareOneRefresh() async throws {
        let clock: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_000_000) }
        let base = Counter(lifetime: 3600, clock: clock)
        let cached = CachedCredentialProvider(base, now: clock)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<20 { group.addTask { _ = try await cached.credentials() } }
            try await group.waitForAll()
        }
        #expect(base.calls.withLock { $0 } == 1)
    }
}
