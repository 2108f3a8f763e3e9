import AWSClient
import Foundation

/// One monitored order system: where it runs and what its parts are called.
public struct StackConfig: Sendable, Equatable {
    public enum APIAuth: String, Sendable, Equatable, CaseIterable {
        case none
        case apiKey = "api_key"
        case iam
    }

    public struct API: Sendable, Equatable {
        public var url: String
        public var auth: APIAuth
        /// The key itself; prefer `apiKeyEnvironment` so no secret sits in the file.
        public var apiKey: String?
        /// Name of an environment variable holding the key.
        public var apiKeyEnvironment: String?

        public init(url: String, auth: APIAuth = .none, apiKey: String? = nil, apiKeyEnvironment: String? = nil) {
            self.url = url
            self.auth = auth
            self.apiKey = apiKey
            self.apiKeyEnvironment = apiKeyEnvironment
        }
    }

    public var name: String
    public var profile: String?
    public var region: String?
    public var endpointURL: String?
    public var tableName: String
    /// Names or ARNs of the state machines to watch.
    public var stateMachines: [String]
    /// Log groups to tail; empty means "each machine's logging destination".
    public var logGroups: [String]
    public var api: API?
    /// The SQS queue whose consumer starts the order workflow (`queue_url`): the seeds' order
    /// system's front door (`FrontDoor.queue`).
    public var queueURL: String?
    /// The AppSync API whose `postOrder(input: AWSJSON!)` mutation takes orders (`FrontDoor.appsync`).
    public var graphQL: GraphQL?

    public struct GraphQL: Sendable, Equatable {
        public var url: String
        /// The key itself (the local stack's); prefer `apiKeyEnvironment` in a file.
        public var apiKey: String?
        public var apiKeyEnvironment: String?

        public init(url: String, apiKey: String? = nil, apiKeyEnvironment: String? = nil) {
            self.url = url
            self.apiKey = apiKey
            self.apiKeyEnvironment = apiKeyEnvironment
        }
    }
    /// Follow logs by Live Tail where the endpoint streams it; false where it is known to leave
    /// lines out (MiniStack's Live Tail carries only what PutLogEvents wrote, not its functions'
    /// own lines), so the tail polls.
    public var liveTail = true
    /// JSON object submitted orders start from (fresh ids and timestamps are filled in).
    public var orderTemplate: JSONValue?
    public var readOnly: Bool
    /// The dashboard takes mouse clicks, double-clicks and the wheel (`mouse = true`; `--mouse`).
    public var mouse = false
    /// The dashboard holds the newest this many orders (`order_window`); older ones are paged in
    /// when the operator scrolls past the end, or looked up by id — memory stays flat at any
    /// table size.
    public var orderWindow = StackConfig.defaultOrderWindow
    public static let defaultOrderWindow = 10_000
    /// True for the local stack on this machine (shown as LOCAL in the dashboard).
    public var isLocal: Bool
    /// Fixed credentials (the local stack); nil means the normal credential chain.
    public var staticCredentials: AWSCredentials?

    public init(
        name: String, profile: String? = nil, region: String? = nil, endpointURL: String? = nil,
        tableName: String = "ORDER",
        stateMachines: [String] = [], logGroups: [String] = [], api: API? = nil, orderTemplate: JSONValue? = nil,
        readOnly: Bool = false, isLocal: Bool = false, staticCredentials: AWSCredentials? = nil,
        queueURL: String? = nil
    ) {
        self.name = name
        self.profile = profile
        self.region = region
        self.endpointURL = endpointURL
        self.tableName = tableName
        self.stateMachines = stateMachines
        self.logGroups = logGroups
        self.api = api
        self.orderTemplate = orderTemplate
        self.readOnly = readOnly
        self.isLocal = isLocal
        self.staticCredentials = staticCredentials
        self.queueURL = queueURL
    }

    /// The default order template: what the seed system's OrderWorkflow expects.
    public static let defaultOrderTemplate: JSONValue = .object([
        ("user_id", .string("demo_user")),
        ("customer", .object([("email", .string("demo_user@example.com")), ("name", .string("Demo User"))])),
        (
            "items",
            .array([
                .object([
                    ("sku", .string("MUG-001")), ("name", .string("Coffee mug")), ("quantity", .number("1")),
                    ("unitPrice", .number("12.50")),
                ])
            ])
        ),
        ("amount", .number("12.50")),
        ("currency", .string("EUR")),
        ("giftWrap", .bool(false)),
    ])

    /// Builds the AWS client for this stack; command-line flags win over the file.
    public func makeClient(overrides: ClientOptions = ClientOptions(), environment: ProcessEnvironment = .current)
        throws -> AWSClient
    {
        let options = ClientOptions(
            profile: overrides.profile ?? profile, region: overrides.region ?? region,
            endpointURL: overrides.endpointURL ?? endpointURL,
            readTimeout: overrides.readTimeout)
        // A loopback endpoint with no profile is a stack on this machine: its test keys, never the
        // credential chain (whose last stop is EC2 instance metadata).
        let loopback =
            options.profile == nil && environment["AWS_ACCESS_KEY_ID"] == nil
            && options.endpointURL.map(EndpointResolver.isLoopback) == true
        if let staticCredentials = staticCredentials ?? (loopback ? .loopbackStack : nil) {
            let region = options.region ?? "us-east-1"
            return AWSClient(
                region: region, credentials: StaticCredentialProvider(staticCredentials),
                endpoints: EndpointResolver(region: region, explicitURL: options.endpointURL, environment: environment),
                retry: RetryPolicy(
                    maxAttempts: try ClientConfiguration.maxAttempts(environment["AWS_MAX_ATTEMPTS"]),
                    baseDelay: .milliseconds(200)),
                timeout: options.readTimeout ?? .seconds(30))
        }
        return try ClientConfiguration.resolve(options: options, environment: environment).makeClient()
    }
}
