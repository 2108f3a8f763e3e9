import AWSClient
import Foundation

/// DynamoDB Streams calls over the JSON 1.0 protocol (host `streams.dynamodb`, signed as
/// `dynamodb`): what a reader of a table's changes needs — its shards, an iterator into each,
/// and the records after it.
public struct DynamoDBStreamsClient: Sendable {
    public let client: AWSClient

    public init(client: AWSClient) { self.client = client }

    /// The stream and every shard it has now (DescribeStream, page by page).
    public func describeStream(_ arn: String) async throws -> DynamoDBStreams.StreamDescription {
        var input = DynamoDBStreams.DescribeStreamInput(StreamArn: arn)
        var described: DynamoDBStreams.StreamDescription?
        var shards: [DynamoDBStreams.Shard] = []
        while true {
            let output: DynamoDBStreams.DescribeStreamOutput = try await client.json(
                .dynamoDBStreams, "DescribeStream", input)
            guard let page = output.StreamDescription else { break }
            described = described ?? page
            shards += page.Shards ?? []
            guard let last = page.LastEvaluatedShardId, last != input.ExclusiveStartShardId else { break }
            input.ExclusiveStartShardId = last
        }
        var stream = described ?? DynamoDBStreams.StreamDescription()
        stream.Shards = shards
        stream.LastEvaluatedShardId = nil
        return stream
    }

    public func getShardIterator(_ input: DynamoDBStreams.GetShardIteratorInput) async throws -> String? {
        let output: DynamoDBStreams.GetShardIteratorOutput = try await client.json(
            .dynamoDBStreams, "GetShardIterator", input)
        return output.ShardIterator
    }

    public func getRecords(_ iterator: String, limit: Int? = nil) async throws -> DynamoDBStreams.GetRecordsOutput {
        try await client.json(
            .dynamoDBStreams, "GetRecords", DynamoDBStreams.GetRecordsInput(ShardIterator: iterator, Limit: limit))
    }
}
