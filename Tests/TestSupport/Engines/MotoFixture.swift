import AWSClient
import AWSServices
import Foundation
import LocalStack
import Synchronization

/// Moto servers for tests, one of each kind per test process, started on first use and killed
/// when the test process exits.
public actor MotoFixture {
    public enum Kind: Sendable {
        /// State machines really execute; signature checking off.
        case executing
        /// Signature checking on; `credentials` hold an IAM key created for the purpose.
        case signatureChecking
        /// Neither: moto as it starts. CloudFormation-created state machines are only visible
        /// here (execution mode switches Step Functions to a separate backend).
        case plain
    }

    public struct Instance: Sendable {
        public var server: MotoServer
        public var credentials: AWSCredentials
        public var endpoint: String { server.endpoint }
    }

    public static let shared = MotoFixture()

    private var instances: [Kind: Task<Instance, any Error>] = [:]

    public func instance(_ kind: Kind) async throws -> Instance {
        if let existing = instances[kind] { return try await existing.value }
        let task = Task { try await Self.start(kind) }
        instances[kind] = task
        return try await task.value
    }

    /// Credentials moto accepts while signature checking is off (any key works).
    public static let testCredentials = AWSCredentials(
        accessKeyId: "AKIAORDERDECKTEST", secretAccessKey: "orderdeck-test-secret", source: "test")

    private static func start(_ kind: Kind) async throws -> Instance {
        let directories = StateDirectories.resolve(environment: ProcessInfo.processInfo.environment)
        let installation = try MotoInstallation(directories: directories)
        try await installation.ensureInstalled()
        let logDirectory = NSTemporaryDirectory() + "orderdeck-tests-\(getpid())"
        try StateDirectories.ensure(logDirectory)
        TestLogDirectory.removeAtExit(logDirectory)
        let server = try await MotoServer.start(
            installation: installation, logPath: "\(logDirectory)/moto-\(kind).log", lifetime: .tiedToThisProcess,
            removeWhenOrphaned: logDirectory)
        switch kind {
        case .plain:
            return Instance(server: server, credentials: testCredentials)
        case .executing:
            try await server.enableStateMachineExecution()
            return Instance(server: server, credentials: testCredentials)
        case .signatureChecking:
            let iam = IAMClient(client: TestAWS.client(endpoint: server.endpoint))
            try await iam.createUser(name: "orderdeck-signer")
            let key = try await iam.createAccessKey(userName: "orderdeck-signer")
            // An admin policy so that authorisation (not authentication) never gets in the way.
            _ = try await iam.client.query(
                .iam, "PutUserPolicy",
                [
                    ("UserName", "orderdeck-signer"), ("PolicyName", "all"),
                    (
                        "PolicyDocument",
                        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#
                    ),
                ])
            try await server.enableSignatureChecking()
            return Instance(
                server: server,
                credentials: AWSCredentials(
                    accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey, source: "moto IAM user"))
        }
    }
}

/// Building clients for tests.
public enum TestAWS {
    public static let region = "us-east-1"

    /// An environment that can never reach a real AWS or instance-metadata address.
    public static func isolatedEnvironment(_ variables: [String: String] = [:], home: String = NSTemporaryDirectory())
        -> ProcessEnvironment
    {
        var base = ["AWS_EC2_METADATA_DISABLED": "true", "HOME": home]
        for (key, value) in variables { base[key] = value }
        return ProcessEnvironment(variables: base, homeDirectory: home)
    }

    public static func client(
        endpoint: String, credentials: AWSCredentials = MotoFixture.testCredentials,
        transport: any HTTPTransport = AsyncHTTPTransport(),
        maxAttempts: Int = 3, timeout: Duration = .seconds(30)
    ) -> AWSClient {
        AWSClient(
            region: region, credentials: StaticCredentialProvider(credentials),
            endpoints: EndpointResolver(region: region, explicitURL: endpoint, environment: isolatedEnvironment()),
            transport: transport, retry: RetryPolicy(maxAttempts: maxAttempts, baseDelay: .milliseconds(20)),
            timeout: timeout)
    }
}

/// The test process's moto log folder, removed when the process exits (the servers it logs for
/// end with the process), so a test run leaves no folder behind.
enum TestLogDirectory {
    nonisolated(unsafe) static var path: String?

    static func removeAtExit(_ directory: String) {
        guard path == nil else { return }
        path = directory
        atexit {
            if let path = TestLogDirectory.path { try? FileManager.default.removeItem(atPath: path) }
        }
    }
}
