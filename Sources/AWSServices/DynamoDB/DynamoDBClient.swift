import AWSClient
import Foundation

/// DynamoDB calls over the JSON 1.0 protocol.
public struct DynamoDBClient: Sendable {
    public let client: AWSClient

    public init(client: AWSClient) { self.client = client }

    public func listTables() -> PageSequence<[String]> {
        client.pages(.dynamoDB, "ListTables", DynamoDB.ListTablesInput(), as: DynamoDB.ListTablesOutput.self) {
            ($0.TableNames ?? [], $0.LastEvaluatedTableName)
        }
    }

    public func describeTable(_ name: String) async throws -> DynamoDB.TableDescription {
        let output: DynamoDB.DescribeTableOutput = try await client.json(
            .dynamoDB, "DescribeTable", DynamoDB.DescribeTableInput(TableName: name))
        return output.Table
    }

    public func createTable(_ input: DynamoDB.CreateTableInput) async throws -> DynamoDB.TableDescription? {
        let output: DynamoDB.CreateTableOutput = try await client.json(.dynamoDB, "CreateTable", input)
        return output.TableDescription
    }

    public func updateTable(_ input: DynamoDB.UpdateTableInput) async throws -> DynamoDB.TableDescription? {
        let output: DynamoDB.CreateTableOutput = try await client.json(.dynamoDB, "UpdateTable", input)
        return output.TableDescription
    }

    /// One Scan call.
    public func scan(_ input: DynamoDB.ScanInput) async throws -> DynamoDB.ScanOutput {
        try await client.json(.dynamoDB, "Scan", input, decode: DynamoDB.ScanOutput.init(jsonBytes:))
    }

    /// Scan pages, fetched as they are consumed (a reader that stops early pays for no more);
    /// decoded whole, or `as: DynamoRawPage.self` with the items left as text.
    public func scanPages<Page: DynamoPage>(_ input: DynamoDB.ScanInput, as _: Page.Type = DynamoDB.ScanOutput.self)
        -> PageSequence<Page>
    {
        let client = self.client
        return Self.keyPaged { startKey in
            var page = input
            page.ExclusiveStartKey = startKey ?? input.ExclusiveStartKey
            return try await client.json(.dynamoDB, "Scan", page, decode: Page.init(jsonBytes:))
        }
    }

    /// A parallel scan: `segments` workers each scan their segment; pages arrive as they come.
    public func parallelScan<Page: DynamoPage>(
        _ input: DynamoDB.ScanInput, segments: Int, as _: Page.Type = DynamoDB.ScanOutput.self
    ) -> AsyncThrowingStream<Page, any Error> {
        let (stream, continuation) = AsyncThrowingStream<Page, any Error>.makeStream()
        let task = Task {
            do {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for segment in 0..<max(1, segments) {
                        var segmentInput = input
                        segmentInput.Segment = segment
                        segmentInput.TotalSegments = max(1, segments)
                        group.addTask {
                            for try await page in self.scanPages(segmentInput, as: Page.self) {
                                continuation.yield(page)
                            }
                        }
                    }
                    try await group.waitForAll()
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    public func query(_ input: DynamoDB.QueryInput) async throws -> DynamoDB.QueryOutput {
        try await client.json(.dynamoDB, "Query", input, decode: DynamoDB.ScanOutput.init(jsonBytes:))
    }

    public func queryPages<Page: DynamoPage>(
        _ input: DynamoDB.QueryInput, as _: Page.Type = DynamoDB.QueryOutput.self
    ) -> PageSequence<Page> {
        let client = self.client
        return Self.keyPaged { startKey in
            var page = input
            page.ExclusiveStartKey = startKey ?? input.ExclusiveStartKey
            return try await client.json(.dynamoDB, "Query", page, decode: Page.init(jsonBytes:))
        }
    }

    public func getItem(_ input: DynamoDB.GetItemInput) async throws -> DynamoItem? {
        let output: DynamoDB.GetItemOutput = try await client.json(.dynamoDB, "GetItem", input)
        return output.Item
    }

    public func putItem(_ input: DynamoDB.PutItemInput) async throws {
        let _: EmptyInput = try await client.json(.dynamoDB, "PutItem", input)
    }

    public func updateItem(_ input: DynamoDB.UpdateItemInput) async throws -> DynamoItem? {
        let output: DynamoDB.UpdateItemOutput = try await client.json(.dynamoDB, "UpdateItem", input)
        return output.Attributes
    }

    /// One BatchWriteItem call; returns what DynamoDB did not process.
    public func batchWriteItem(_ input: DynamoDB.BatchWriteItemInput) async throws -> [String: [DynamoDB.WriteRequest]]
    {
        let output: DynamoDB.BatchWriteItemOutput = try await client.json(.dynamoDB, "BatchWriteItem", input)
        return output.UnprocessedItems ?? [:]
    }

    /// Writes any number of items to one table in batches of 25, resending unprocessed items with
    /// backoff until none are left (or the attempts run out).
    public func batchPut(table: String, items: [DynamoItem], maxRounds: Int = 8) async throws {
        for start in stride(from: 0, to: items.count, by: 25) {
            var pending = [table: items[start..<min(start + 25, items.count)].map { DynamoDB.WriteRequest.put($0) }]
            var round = 0
            while !(pending[table] ?? []).isEmpty {
                round += 1
                pending = try await batchWriteItem(DynamoDB.BatchWriteItemInput(RequestItems: pending))
                if (pending[table] ?? []).isEmpty { break }
                guard round < maxRounds else {
                    throw AWSClientError.invalidResponse(
                        service: "DynamoDB", operation: "BatchWriteItem",
                        reason: "\(pending[table]!.count) items still unprocessed after \(maxRounds) rounds")
                }
                try await client.sleep(client.retry.delay(afterAttempt: round))
            }
        }
    }

    /// Pages that continue from `LastEvaluatedKey` (an item, not a string token).
    static func keyPaged<Page: DynamoPage>(_ fetch: @escaping @Sendable (DynamoItem?) async throws -> Page)
        -> PageSequence<Page>
    {
        // PageSequence passes string tokens; the key travels as its JSON encoding.
        PageSequence { token in
            let startKey = try token.map { try JSONDecoder().decode(DynamoItem.self, from: Data($0.utf8)) }
            let output = try await fetch(startKey)
            let next = try output.LastEvaluatedKey.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
            return (output, next)
        }
    }
}
