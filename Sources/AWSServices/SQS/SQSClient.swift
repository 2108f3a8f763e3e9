import AWSClient

extension ServiceDescriptor {
    /// SQS over the AWS JSON 1.0 protocol (what current SDKs speak; the query protocol is legacy).
    public static let sqs = ServiceDescriptor(
        displayName: "SQS", signingName: "sqs", endpointPrefix: "sqs", serviceId: "SQS",
        wireProtocol: .json(version: "1.0", targetPrefix: "AmazonSQS"))
}

/// SQS calls: an order sent through the queue front door of the seeds' order system
/// (SQS → `post_order` → StartExecution).
public struct SQSClient: Sendable {
    public let client: AWSClient

    public init(client: AWSClient) { self.client = client }

    struct SendMessageInput: Encodable {
        var QueueUrl: String
        var MessageBody: String
    }

    struct SendMessageOutput: Decodable {
        var MessageId: String
    }

    /// Sends one message; its id is what the consumer sees as `messageId` (the seeds' order id).
    public func sendMessage(queueUrl: String, body: String) async throws -> String {
        let output: SendMessageOutput = try await client.json(
            .sqs, "SendMessage", SendMessageInput(QueueUrl: queueUrl, MessageBody: body))
        return output.MessageId
    }
}
