import AWSClient

/// STS calls (query protocol): who am I, and assume a role explicitly.
public struct STSClient: Sendable {
    public let client: AWSClient

    public init(client: AWSClient) { self.client = client }

    public struct CallerIdentity: Sendable, Hashable {
        public var account: String
        public var arn: String
        public var userId: String
    }

    public func getCallerIdentity() async throws -> CallerIdentity {
        let result = try await client.query(.sts, "GetCallerIdentity")
        return CallerIdentity(
            account: result.string("Account") ?? "", arn: result.string("Arn") ?? "",
            userId: result.string("UserId") ?? "")
    }
}
