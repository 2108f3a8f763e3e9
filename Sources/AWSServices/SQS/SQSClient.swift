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

    struct GetQueueUrlInput: Encodable {
        var QueueName: String
        var QueueOwnerAWSAccountId: String?
    }

    struct GetQueueUrlOutput: Decodable {
        var QueueUrl: String
    }

    /// The URL of a queue named by its ARN (`arn:aws:sqs:REGION:ACCOUNT:NAME`), as an event
    /// source mapping names it.
    public func queueURL(arn: String) async throws -> String {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 6, parts[2] == "sqs" else {
            throw AWSClientError.configuration("not an SQS queue ARN: \(arn)")
        }
        let output: GetQueueUrlOutput = try await client.json(
            .sqs, "GetQueueUrl", GetQueueUrlInput(QueueName: parts[5], QueueOwnerAWSAccountId: parts[4]))
        return output.QueueUrl
    }
}
