import AWSClient
import AWSServices
import Foundation
import LocalStack
import TestSupport
import Testing

/// The seeds' two systems as written — Python Lambdas included — on MiniStack, deployed through
/// CloudFormation from `config/seeds/`: orders through both front doors of the order system reach
/// their final status in the ORDER table, a raising Lambda fails its execution with its error and
/// cause, and the webhook's Express machine runs its Lambda. Skipped, with one loud line, where
/// no Python ≥ 3.10 exists.
@Suite(.serialized) struct MiniStackSeedsTests {
    static func deployed() async throws -> MiniStackHarness.Deployed? {
        switch try await MiniStackHarness.shared.deployed() {
        case .ready(let deployed): return deployed
        case .unavailable(let reason):
            print("⚠️  SKIPPED the MiniStack seeds tests: \(reason)")
            return nil
        }
    }

    @Test func bothSystemsAreDeployedAsWritten() async throws {
        guard let deployed = try await Self.deployed() else { return }
        let seeds = deployed.seeds
        let client = deployed.client()
        let machines = try await StepFunctionsClient(client: client).listStateMachines().collect().flatMap { $0 }
        let types = Dictionary(machines.map { ($0.name, $0.type ?? "") }, uniquingKeysWith: { a, _ in a })
        #expect(types[SeedsTemplate.orderMachineName] == "STANDARD")
        #expect(types[SeedsTemplate.webhookMachineName] == "EXPRESS")
        let definition = try await StepFunctionsClient(client: client).describeStateMachine(seeds.orderWorkflowArn)
        #expect(definition.definition.contains(":function:ProcessPayment"), "the ARNs were substituted")
        let table = try await DynamoDBClient(client: client).describeTable(seeds.tableName)
        #expect(
            Set(table.GlobalSecondaryIndexes?.map(\.IndexName) ?? []) == [
                OrderTableSchema.recentIndex, OrderTableSchema.changedIndex,
            ])
        #expect(seeds.queueUrl.hasSuffix("/" + SeedsTemplate.queueName))
        print(
            "MiniStack seeds: installed, started and deployed in \(deployed.startup.formatted(.units(allowed: [.seconds], fractionalPart: .show(length: 1))))"
        )
    }

    @Test func anOrderThroughTheQueueIsCompleted() async throws {
        guard let deployed = try await Self.deployed() else { return }
        let user = "queue_user"
        let messageId = try await deployed.sendThroughQueue(user: user, outcome: "ok")
        let item = try #require(
            try await deployed.finalItem(user: user, id: messageId),
            "post_order did not start an execution that completed the order")
        #expect(item["orderStatus"]?.stringValue == "COMPLETED")
        #expect(item["customerEmail"]?.stringValue == "queue_user@example.com")
        #expect(item["createdDay"] != nil && item["updatedAt"] != nil)
        // The message id is the order id and the execution name.
        let arn = try #require(item["executionArn"]?.stringValue)
        #expect(arn.hasSuffix(":execution:\(SeedsTemplate.orderMachineName):\(messageId)"))
        let execution = try #require(try await deployed.finished(arn))
        #expect(execution.status == "SUCCEEDED")
    }

    @Test func anOrderStartedDirectlyIsCancelledWhenPaymentFails() async throws {
        guard let deployed = try await Self.deployed() else { return }
        let user = "direct_user"
        let name = "direct-\(UUID().uuidString.prefix(8).lowercased())"
        let arn = try await deployed.startDirectly(name: name, user: user, outcome: "error")
        let item = try #require(try await deployed.finalItem(user: user, id: name))
        #expect(item["orderStatus"]?.stringValue == "CANCELLED")
        #expect(item["cancelReason"]?.stringValue == "card declined")
        #expect(item["executionArn"]?.stringValue == arn)
        let execution = try #require(try await deployed.finished(arn))
        #expect(execution.status == "SUCCEEDED")
    }

    @Test func aRaisingLambdaFailsTheExecutionWithItsErrorAndCause() async throws {
        guard let deployed = try await Self.deployed() else { return }
        let client = deployed.client()
        let name = "raise-\(UUID().uuidString.prefix(8).lowercased())"
        let arn = try await deployed.startDirectly(name: name, user: "raise_user", outcome: "raise")
        let execution = try #require(try await deployed.finished(arn))
        #expect(execution.status == "FAILED")
        // MiniStack names every raised Python error Runtime.HandlerError (AWS: the exception's class).
        #expect(execution.error == "Runtime.HandlerError")
        #expect(execution.cause?.contains("payment processor unavailable for order \(name)") == true)
        // The order stays PENDING: InitializeOrder wrote it, nothing finished it.
        let item = try await DynamoDBClient(client: client).getItem(
            .init(TableName: deployed.seeds.tableName, Key: ["user_id": .s("raise_user"), "id": .s(name)]))
        #expect(item?["orderStatus"]?.stringValue == "PENDING")
    }

    /// More orders at once than MiniStack's Lambda concurrency cap: a throttled task (which
    /// MiniStack reports as Lambda.Unknown) is retried, and every order still finishes.
    @Test func ordersStartedTogetherAllFinishUnderTheConcurrencyCap() async throws {
        guard let deployed = try await Self.deployed() else { return }
        let batch = "burst-\(UUID().uuidString.prefix(6).lowercased())"
        var arns: [String] = []
        for index in 0..<(MiniStackServer.defaultLambdaConcurrency + 2) {
            arns.append(try await deployed.startDirectly(name: "\(batch)-\(index)", user: "burst_user", outcome: "ok"))
        }
        for arn in arns {
            let execution = try #require(try await deployed.finished(arn))
            #expect(execution.status == "SUCCEEDED", "\(arn): \(execution.error ?? "") \(execution.cause ?? "")")
        }
        for index in arns.indices {
            let item = try await deployed.finalItem(user: "burst_user", id: "\(batch)-\(index)")
            #expect(item?["orderStatus"]?.stringValue == "COMPLETED")
        }
    }

    @Test func theWebhookMachineRunsItsLambda() async throws {
        guard let deployed = try await Self.deployed() else { return }
        let client = deployed.client()
        let marker = "webhook-\(UUID().uuidString.prefix(8).lowercased())"
        let started = try await StepFunctionsClient(client: client).startExecution(
            .init(stateMachineArn: deployed.seeds.sampleArn, input: #"{"marker":"\#(marker)"}"#))
        let execution = try #require(try await deployed.finished(started.executionArn))
        #expect(execution.status == "SUCCEEDED")
        let logs = CloudWatchLogsClient(client: client)
        let printed = try await Waiting.until(.seconds(20)) {
            let events = try await logs.filterLogEvents(.init(logGroupName: "/aws/lambda/sample-PrintPayload")).events
            return events?.compactMap(\.message).first { $0.contains(marker) }
        }
        #expect(printed?.contains(#""payload""#) == true)
    }
}
