import AWSClient
import AWSServices
import Foundation
import SigV4
import TestSupport
import Testing

/// Every service call OrderDeck makes, sent to moto with SigV4 checking ON and signed with an IAM
/// key created for the purpose: moto recomputes each signature and answers 403 on a mismatch.
@Suite(.serialized) struct SignedServiceCallsTests {
    let moto: MotoFixture.Instance
    let client: AWSClient

    init() async throws {
        moto = try await MotoFixture.shared.instance(.signatureChecking)
        client = TestAWS.client(endpoint: moto.endpoint, credentials: moto.credentials)
    }

    @Test func dynamoDBCallsAreAccepted() async throws {
        let dynamo = DynamoDBClient(client: client)
        let table = "signed-\(UUID().uuidString.prefix(6))"
        _ = try await dynamo.createTable(
            .init(
                TableName: table,
                KeySchema: [
                    .init(AttributeName: "user_id", KeyType: "HASH"), .init(AttributeName: "id", KeyType: "RANGE"),
                ],
                AttributeDefinitions: [
                    .init(AttributeName: "user_id", AttributeType: "S"), .init(AttributeName: "id", AttributeType: "S"),
                ]))
        let tables = try await dynamo.listTables().collect().flatMap { $0 }
        #expect(tables.contains(table))
        let description = try await dynamo.describeTable(table)
        #expect(description.keyNames.hash == "user_id")
        #expect(description.keyNames.range == "id")

        // A body with non-ASCII characters is hashed and signed as UTF-8 bytes.
        let item: DynamoItem = [
            "user_id": .s("zoë"), "id": .s("order-1"), "note": .s("café ☕ 注文 \u{1F600}"),
            "amount": .n("12345678901234567890123456789012345678"), "tags": .ss(["a", "b"]),
            "blob": .b([0, 1, 2, 255]),
        ]
        try await dynamo.putItem(.init(TableName: table, Item: item))
        let fetched = try await dynamo.getItem(
            .init(TableName: table, Key: ["user_id": .s("zoë"), "id": .s("order-1")]))
        #expect(fetched?["note"] == .s("café ☕ 注文 \u{1F600}"))
        #expect(fetched?["amount"] == .n("12345678901234567890123456789012345678"))
        #expect(fetched?["blob"] == .b([0, 1, 2, 255]))

        let updated = try await dynamo.updateItem(
            .init(
                TableName: table, Key: ["user_id": .s("zoë"), "id": .s("order-1")],
                UpdateExpression: "SET orderStatus = :s",
                ExpressionAttributeValues: [":s": .s("COMPLETED")], ReturnValues: "ALL_NEW"))
        #expect(updated?["orderStatus"] == .s("COMPLETED"))

        let many = (0..<60).map { index -> DynamoItem in
            ["user_id": .s("u\(index % 3)"), "id": .s(String(format: "o%03d", index))]
        }
        try await dynamo.batchPut(table: table, items: many)

        var scanned = 0
        var pages = 0
        for try await page in dynamo.scanPages(.init(TableName: table, Limit: 25)) {
            scanned += page.Items?.count ?? 0
            pages += 1
        }
        #expect(scanned == 61)
        #expect(pages >= 3)

        var parallel = 0
        for try await page in dynamo.parallelScan(.init(TableName: table), segments: 3) {
            parallel += page.Items?.count ?? 0
        }
        #expect(parallel == 61)

        let queried = try await dynamo.queryPages(
            .init(TableName: table, KeyConditionExpression: "user_id = :u", ExpressionAttributeValues: [":u": .s("u1")])
        ).collect().flatMap { $0.Items ?? [] }
        #expect(queried.count == 20)
    }

    @Test func stepFunctionsCallsAreAccepted() async throws {
        let states = StepFunctionsClient(client: client)
        let iam = IAMClient(client: client)
        let role = try await iam.createRole(
            name: "signed-sfn-\(UUID().uuidString.prefix(6))",
            assumeRolePolicy:
                #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"states.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#
        )
        let definition = #"{"StartAt":"Done","States":{"Done":{"Type":"Pass","End":true}}}"#
        let name = "signed-\(UUID().uuidString.prefix(6))"
        let created = try await states.createStateMachine(
            .init(name: name, definition: definition, roleArn: role.arn, type: "STANDARD"))
        _ = try await states.updateStateMachine(
            .init(
                stateMachineArn: created.stateMachineArn,
                definition: #"{"Comment":"v2","StartAt":"Done","States":{"Done":{"Type":"Pass","End":true}}}"#))
        let machines = try await states.listStateMachines().collect().flatMap { $0 }
        #expect(machines.contains { $0.stateMachineArn == created.stateMachineArn })
        let described = try await states.describeStateMachine(created.stateMachineArn)
        #expect(described.definition.contains("v2"))

        let started = try await states.startExecution(
            .init(stateMachineArn: created.stateMachineArn, name: "run-1", input: #"{"note":"grüße"}"#))
        let executions = try await states.listExecutions(stateMachineArn: created.stateMachineArn).collect().flatMap {
            $0
        }
        #expect(executions.map(\.executionArn).contains(started.executionArn))
        let execution = try await states.describeExecution(started.executionArn)
        #expect(execution.executionArn == started.executionArn)
        let history = try await states.fullHistory(executionArn: started.executionArn)
        #expect(history.first?.type == "ExecutionStarted")
        let stopped = try await states.stopExecution(
            .init(executionArn: started.executionArn, error: "Test", cause: "stopped by test"))
        #expect(stopped.stopDate != nil)
    }

    @Test func cloudWatchLogsCallsAreAccepted() async throws {
        let logs = CloudWatchLogsClient(client: client)
        let group = "/aws/vendedlogs/states/signed-\(UUID().uuidString.prefix(6))"
        try await logs.createLogGroup(group)
        try await logs.createLogStream(group: group, stream: "s1")
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        _ = try await logs.putLogEvents(
            group: group, stream: "s1",
            events: [
                .init(timestamp: now, message: #"{"type":"ExecutionStarted","note":"ñ"}"#),
                .init(timestamp: now + 1, message: "plain"),
            ])
        let groups = try await logs.describeLogGroups(prefix: group).collect().flatMap { $0 }
        #expect(groups.map(\.logGroupName) == [group])
        let streams = try await logs.describeLogStreams(.init(logGroupName: group)).collect().flatMap { $0 }
        #expect(streams.map(\.logStreamName) == ["s1"])
        let filtered = try await logs.filterLogEventPages(.init(logGroupName: group, startTime: now - 1000)).collect()
            .flatMap { $0 }
        #expect(filtered.count == 2)
        let events = try await logs.getLogEvents(.init(logGroupName: group, logStreamName: "s1", startFromHead: true))
        #expect(events.events?.map(\.message) == [#"{"type":"ExecutionStarted","note":"ñ"}"#, "plain"])
    }

    @Test func snsIamAndStsCallsAreAccepted() async throws {
        let sns = SNSClient(client: client)
        let topic = try await sns.createTopic(name: "signed-orders")
        #expect(topic.hasSuffix(":signed-orders"))
        let messageId = try await sns.publish(
            topicArn: topic, message: "Bestellung ✓", subject: "Orders-App: Update for order 1")
        #expect(!messageId.isEmpty)
        let identity = try await STSClient(client: client).getCallerIdentity()
        #expect(identity.arn.contains("orderdeck-signer"))
    }

    @Test func requestsWithASessionTokenAreAccepted() async throws {
        // Temporary credentials from STS AssumeRole (signed with the IAM key), then a call signed with them.
        let iam = IAMClient(client: client)
        let role = try await iam.createRole(
            name: "signed-session-\(UUID().uuidString.prefix(6))",
            assumeRolePolicy:
                #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}"#
        )
        let result = try await client.query(.sts, "AssumeRole", [("RoleArn", role.arn), ("RoleSessionName", "signed")])
        let node = try #require(result.child("Credentials"))
        let temporary = AWSCredentials(
            accessKeyId: try #require(node.string("AccessKeyId")),
            secretAccessKey: try #require(node.string("SecretAccessKey")),
            sessionToken: try #require(node.string("SessionToken")), source: "assumed")
        let recording = ScriptedTransport { _, _ in nil }
        let sessionClient = TestAWS.client(endpoint: moto.endpoint, credentials: temporary, transport: recording)
        let identity = try await STSClient(client: sessionClient).getCallerIdentity()
        #expect(identity.arn.contains("assumed-role"))
        let sent = try #require(recording.requests.first)
        #expect(sent.headers.contains { $0.0 == "X-Amz-Security-Token" && $0.1 == temporary.signing.sessionToken })
        #expect(sent.headers.first { $0.0 == "Authorization" }?.1.contains("x-amz-security-token") == true)
    }

    @Test func aCorruptedSignatureIsRejected() async throws {
        // Flip one hex digit of the signature on the way out.
        let flipping = FlippingTransport()
        let bad = TestAWS.client(
            endpoint: moto.endpoint, credentials: moto.credentials, transport: flipping, maxAttempts: 1)
        await #expect {
            _ = try await DynamoDBClient(client: bad).listTables().collect()
        } throws: { error in
            guard let service = error as? AWSServiceError else { return false }
            return service.statusCode == 403 && service.code == "SignatureDoesNotMatch"
        }
        // And the same call, unflipped, goes through.
        _ = try await DynamoDBClient(client: client).listTables().collect()
    }

    @Test func anUnknownKeyIsRejected() async throws {
        let stranger = TestAWS.client(
            endpoint: moto.endpoint,
            credentials: AWSCredentials(accessKeyId: "AKIAUNKNOWNKEY000000", secretAccessKey: "nope", source: "test"),
            maxAttempts: 1)
        await #expect {
            _ = try await STSClient(client: stranger).getCallerIdentity()
        } throws: { error in
            (error as? AWSServiceError)?.code == "InvalidClientTokenId"
        }
    }
}

/// Rewrites the last hex digit of the signature in `Authorization` before sending.
final class FlippingTransport: HTTPTransport {
    let inner = AsyncHTTPTransport()

    func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
        var request = request
        request.headers = request.headers.map { name, value in
            guard name == "Authorization", let last = value.last else { return (name, value) }
            return (name, String(value.dropLast()) + (last == "0" ? "1" : "0"))
        }
        return try await inner.send(request, timeout: timeout)
    }
}
