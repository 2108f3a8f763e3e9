import AWSClient
import AWSServices
import Foundation
import OrderDeckCore
import TestSupport
import Testing

/// The ORDER table's stream read through our DynamoDB Streams client, on moto with signature
/// checking on (the stream's host is signed as `dynamodb`): a PutItem and an UpdateItem each come
/// out of the reader as the order written; a table without a stream says so.
@Suite struct OrderStreamAgainstMotoTests {
    static func client() async throws -> AWSClient {
        let moto = try await MotoFixture.shared.instance(.signatureChecking)
        return TestAWS.client(endpoint: moto.endpoint, credentials: moto.credentials)
    }

    static func tableName() -> String { "ORDER_STREAM_\(UUID().uuidString.prefix(8))" }

    @Test func aPutAndAnUpdateComeOutOfTheStreamAsTheOrderWritten() async throws {
        let dynamoDB = DynamoDBClient(client: try await Self.client())
        let table = Self.tableName()
        // The table as the local stack and the template create it: a NEW_IMAGE stream.
        _ = try await dynamoDB.createTable(OrderTableSchema.createTableInput(table))
        let described = try await dynamoDB.describeTable(table)
        #expect(described.StreamSpecification?.StreamViewType == OrderTableSchema.streamViewType)
        #expect(described.LatestStreamArn != nil)
        // Written before the reader opens: not read (the reader starts at the stream's end).
        try await dynamoDB.putItem(
            .init(TableName: table, Item: ["user_id": .s("zoe"), "id": .s("o-before"), "orderStatus": .s("PENDING")]))

        guard case .stream(let reader) = try await OrderStreamReader.open(dynamoDB: dynamoDB, table: table) else {
            Issue.record("the table's stream was not opened")
            return
        }
        #expect(try await reader.poll().changes.isEmpty)

        try await dynamoDB.putItem(
            .init(TableName: table, Item: ["user_id": .s("zoe"), "id": .s("o-1"), "orderStatus": .s("PENDING")]))
        let inserted = try await reader.poll()
        #expect(inserted.changes.map(\.id) == ["o-1"])
        #expect(inserted.changes.first?.userId == "zoe")
        #expect(inserted.changes.first?.order?.status == .pending)
        #expect(!inserted.gap && !inserted.ended)

        _ = try await dynamoDB.updateItem(
            .init(
                TableName: table, Key: ["user_id": .s("zoe"), "id": .s("o-1")], UpdateExpression: "SET #s = :s",
                ExpressionAttributeNames: ["#s": "orderStatus"], ExpressionAttributeValues: [":s": .s("COMPLETED")]))
        let updated = try await reader.poll()
        #expect(updated.changes.map(\.id) == ["o-1"])
        #expect(updated.changes.first?.order?.status == .completed)
        // Nothing written since: nothing read.
        #expect(try await reader.poll().changes.isEmpty)
    }

    @Test func twoWritesOfOneOrderInARoundComeOutOnceAsTheLast() async throws {
        let dynamoDB = DynamoDBClient(client: try await Self.client())
        let table = Self.tableName()
        _ = try await dynamoDB.createTable(OrderTableSchema.createTableInput(table))
        guard case .stream(let reader) = try await OrderStreamReader.open(dynamoDB: dynamoDB, table: table) else {
            Issue.record("the table's stream was not opened")
            return
        }
        for status in ["PENDING", "CANCELLED"] {
            try await dynamoDB.putItem(
                .init(TableName: table, Item: ["user_id": .s("ann"), "id": .s("o-2"), "orderStatus": .s(status)]))
        }
        let batch = try await reader.poll()
        #expect(batch.changes.count == 1)
        #expect(batch.changes.first?.order?.status == .cancelled)
    }

    @Test func aTableWithoutAStreamIsNotFollowed() async throws {
        let dynamoDB = DynamoDBClient(client: try await Self.client())
        let table = Self.tableName()
        var input = OrderTableSchema.createTableInput(table)
        input.StreamSpecification = nil
        _ = try await dynamoDB.createTable(input)
        guard case .unavailable(let reason) = try await OrderStreamReader.open(dynamoDB: dynamoDB, table: table) else {
            Issue.record("a table without a stream was followed")
            return
        }
        #expect(reason == "table \(table) has no stream")
    }
}
