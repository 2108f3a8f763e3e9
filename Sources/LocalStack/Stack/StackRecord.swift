import AWSClient
import Foundation

/// Where the running local stack listens and which processes belong to it, saved under the
/// state directory so every later command (and the dashboard) finds it without flags.
public struct StackRecord: Codable, Sendable, Equatable {
    /// The engine's process and port: moto's, or MiniStack's guard for `engine == .ministack`
    /// (the name stays for the records already written).
    public var moto: MotoServer
    public var companionPid: Int32
    public var gatewayPort: Int
    public var apiKey: String?
    public var stack: ProvisionedStack
    public var startedAt: Date
    /// Nil in records written before MiniStack: moto.
    public var engine: LocalEngine?
    /// The seeds' order queue (SQS → `post_order` → StartExecution), on MiniStack.
    public var queueUrl: String?
    /// The seeds' Lambda functions, on MiniStack.
    public var functions: [String]?
    /// The seeds' AppSync API (its `postOrder` mutation sends to the queue), on MiniStack where
    /// Node runs its JavaScript resolver; nil otherwise.
    public var graphQLURL: String?
    public var graphQLApiKey: String?

    /// The engine the stack runs on.
    public var engineKind: LocalEngine { engine ?? .moto }

    /// The local gateway's stage URL for a machine, e.g. `http://127.0.0.1:PORT/main/orders`.
    public func apiURL(for machine: ProvisionedStack.Machine) -> String {
        "http://127.0.0.1:\(gatewayPort)/main/\(machine.apiResource)"
    }

    public var gatewayHealthURL: String { "http://127.0.0.1:\(gatewayPort)/health" }

    /// Moto accepts any key; these make requests look like any other signed AWS call.
    public static let credentials = AWSCredentials.loopbackStack

    /// A client for the local stack's moto.
    public func client(retry: RetryPolicy = RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(100))) -> AWSClient {
        AWSClient(
            region: stack.region, credentials: StaticCredentialProvider(Self.credentials),
            endpoints: EndpointResolver(
                region: stack.region, explicitURL: moto.endpoint,
                environment: ProcessEnvironment(variables: [:], homeDirectory: "/")),
            retry: retry)
    }

    public static func path(in directories: StateDirectories) -> String { directories.state + "/local-stack.json" }

    public static func load(from path: String) throws -> StackRecord? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            return try decoder.decode(StackRecord.self, from: data)
        } catch {
            throw LocalStackError.provisioning(
                "\(path) is unreadable (\(error)); remove it or run 'orderdeck local down'")
        }
    }

    /// Written atomically, readable by the owner only.
    public func save(to path: String) throws {
        try StateDirectories.ensure((path as NSString).deletingLastPathComponent)
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let temporary = path + ".tmp-\(getpid())"
        FileManager.default.createFile(
            atPath: temporary, contents: try encoder.encode(self), attributes: [.posixPermissions: 0o600])
        guard rename(temporary, path) == 0 else {
            throw LocalStackError.provisioning("cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }
}
