import AWSClient

/// SNS calls (query protocol) used to provision and exercise the notification topic.
public struct SNSClient: Sendable {
    public let client: AWSClient

    public init(client: AWSClient) { self.client = client }

    /// Creates the topic, or returns the existing one's ARN (CreateTopic is idempotent).
    public func createTopic(name: String) async throws -> String {
        let result = try await client.query(.sns, "CreateTopic", [("Name", name)])
        guard let arn = result.string("TopicArn") else {
            throw AWSClientError.invalidResponse(service: "SNS", operation: "CreateTopic", reason: "no TopicArn")
        }
        return arn
    }

    public func publish(topicArn: String, message: String, subject: String? = nil) async throws -> String {
        var parameters = [("TopicArn", topicArn), ("Message", message)]
        if let subject { parameters.append(("Subject", subject)) }
        let result = try await client.query(.sns, "Publish", parameters)
        return result.string("MessageId") ?? ""
    }

    public func listTopics() async throws -> [String] {
        let result = try await client.query(.sns, "ListTopics")
        return result.child("Topics")?.children("member").compactMap { $0.string("TopicArn") } ?? []
    }
}
