import AWSClient
import AWSServices
import Foundation
import LocalStack
import OrderDeckCore
import TestSupport
import Testing

/// The ORDER table's stream read through our DynamoDB Streams client, on moto with signature
/// checking on (the stream's host is signed as `dynamodb`): a PutItem and an UpdateItem each come
/// out of the reader as the order written; a table without a stream says so. On the local stack:
/// the workflow's own writes of a POSTed order come out of its table's stream, and provisioning
/// gives an older stack's table without a stream one.
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

    @Test func anOrderPostedToTheLocalStackComesOutOfItsTableStream() async throws {
        let running = try await LocalStackHarness.shared.start("stream")
        let dynamoDB = DynamoDBClient(client: running.client)
        guard
            case .stream(let reader) = try await OrderStreamReader.open(
                dynamoDB: dynamoDB, table: running.stack.tableName)
        else {
            Issue.record("the local stack's table has no stream")
            return
        }
        let orderId = "st-\(UUID().uuidString.prefix(8).lowercased())"
        let body =
            #"{"id":"\#(orderId)","user_id":"stream_user","customer":{"email":"s@example.com"},"items":[{"sku":"MUG-001","quantity":1}],"amount":12.50,"currency":"EUR","giftWrap":false}"#
        let reply = try await APIInvoker(client: running.client).post(
            url: running.url("orders"), body: Array(body.utf8), authorization: .none)
        #expect(reply.status == 200)
        // InitializeOrder writes it PENDING; the workflow's end writes COMPLETED or CANCELLED.
        var seen: [OrderStatus] = []
        for _ in 0..<150 where !seen.contains(where: { $0 == .completed || $0 == .cancelled }) {
            let batch = try await reader.poll()
            seen += batch.changes.filter { $0.id.rawValue == orderId }.compactMap { $0.order?.status }
            try await Task.sleep(for: .milliseconds(200))
        }
        #expect(seen.contains(.pending))
        #expect(seen.contains { $0 == .completed || $0 == .cancelled }, "seen: \(seen)")
    }

    @Test func provisioningGivesAnOlderTableWithoutAStreamOne() async throws {
        let moto = try await MotoFixture.shared.instance(.executing)
        let client = TestAWS.client(endpoint: moto.endpoint)
        let label = "restream-\(UUID().uuidString.prefix(6).lowercased())"
        var definition = try StackDefinition.load()
        definition.tableName += "-\(label)"
        definition.topicName += "-\(label)"
        for index in definition.stateMachines.indices { definition.stateMachines[index].name += "-\(label)" }
        var older = OrderTableSchema.createTableInput(definition.tableName)
        older.StreamSpecification = nil
        let dynamoDB = DynamoDBClient(client: client)
        _ = try await dynamoDB.createTable(older)
        #expect(try await dynamoDB.describeTable(definition.tableName).LatestStreamArn == nil)
        _ = try await Provisioner(client: client, definition: definition).provision()
        let table = try await dynamoDB.describeTable(definition.tableName)
        #expect(table.LatestStreamArn != nil)
        #expect(table.StreamSpecification?.StreamViewType == OrderTableSchema.streamViewType)
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
