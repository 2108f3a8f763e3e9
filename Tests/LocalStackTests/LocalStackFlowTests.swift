import AWSClient
import AWSServices
import Foundation
import LocalStack
import TestSupport
import Testing

/// The whole local order system: POST to the gateway → execution → ORDER item → vended logs.
@Suite(.serialized) struct LocalStackFlowTests {
    func post(_ running: LocalStackHarness.Running, _ resource: String, _ body: String) async throws
        -> APIInvoker.Result
    {
        try await APIInvoker(client: running.client).post(
            url: running.url(resource), body: Array(body.utf8), authorization: .none)
    }

    func logRecords(_ running: LocalStackHarness.Running, group: String, executionArn: String) async throws -> [(
        JSONValue, CloudWatchLogs.FilteredLogEvent
    )] {
        let events = try await CloudWatchLogsClient(client: running.client).filterLogEventPages(
            .init(logGroupName: group)
        ).collect().flatMap { $0 }
        return events.compactMap { event in
            guard let record = try? JSONValue.parse(event.message ?? ""),
                record["execution_arn"]?.stringValue == executionArn
            else { return nil }
            return (record, event)
        }
    }

    @Test func anOrderTravelsFromTheGatewayToDynamoDBAndTheLogs() async throws {
        let running = try await LocalStackHarness.shared.start("flow")
        let orderId = "it-\(UUID().uuidString.prefix(8).lowercased())"
        let body =
            #"{"id":"\#(orderId)","user_id":"it_user","customer":{"email":"it@example.com"},"items":[{"sku":"MUG-001","quantity":2}],"amount":25.00,"currency":"EUR","giftWrap":true}"#
        let reply = try await post(running, "orders", body)
        #expect(reply.status == 200)
        #expect(reply.requestId != nil)
        let answer = try JSONValue.parse(reply.body)
        #expect(answer["status"]?.stringValue == "webhook submitted")
        let arn = try #require(answer["executionArn"]?.stringValue)
        #expect(arn.hasSuffix(":execution:\(running.orders.name):\(orderId)"))

        let states = StepFunctionsClient(client: running.client)
        let final = try #require(
            try await Waiting.until(.seconds(30)) {
                let execution = try await states.describeExecution(arn)
                return execution.status == "RUNNING" ? nil : execution
            })
        #expect(["SUCCEEDED", "FAILED"].contains(final.status))

        let item = try #require(
            try await DynamoDBClient(client: running.client).getItem(
                .init(
                    TableName: running.stack.tableName, Key: ["user_id": .s("it_user"), "id": .s(orderId)],
                    ConsistentRead: true)))
        #expect(item["orderStatus"] == .s(final.status == "SUCCEEDED" ? "COMPLETED" : "CANCELLED"))
        #expect(item["executionArn"] == .s(arn))
        // JSON 25.00 goes through States.JsonToString: the number survives (moto writes "25.0").
        #expect(item["amount"]?.numberText.flatMap { Decimal(string: $0) } == Decimal(25))

        let history = try await states.fullHistory(executionArn: arn)
        let entered = Set(history.compactMap { $0.details?["name"]?.stringValue })
        let path =
            final.status == "SUCCEEDED"
            ? ["CompleteOrder", "NotifyOrderCompleted"]
            : ["CancelFailedOrder", "NotifyOrderCancelled", "PaymentFailed"]
        for state in [
            "InitializeOrder", "GiftWrapRequested?", "ApplyGiftWrap", "ProcessPayment", "AwaitPaymentConfirmation",
            "PaymentApproved?",
        ] + path {
            #expect(entered.contains(state), "history lacks \(state)")
        }
        // Gift wrap failed, was retried once, then caught.
        #expect(history.filter { $0.type == "TaskFailed" }.count == 2)
        if final.status == "FAILED" {
            #expect(final.error == "Order.PaymentDeclined")
        }

        // Exactly one log event per history event, in order, with the documented fields.
        let group = running.orders.logGroupName
        let records = try #require(
            try await Waiting.until {
                let found = try await logRecords(running, group: group, executionArn: arn)
                return found.count >= history.count ? found : nil
            })
        #expect(records.count == history.count)
        #expect(records.map { Int($0.0["id"]!.stringValue!)! } == history.map(\.id))
        for ((record, event), historyEvent) in zip(records, history) {
            #expect(record["type"]?.stringValue == historyEvent.type)
            #expect(record["previous_event_id"]?.stringValue == String(historyEvent.previousEventId ?? 0))
            #expect(record["event_timestamp"]?.stringValue == String(event.timestamp ?? -1))
            #expect(record["redrive_count"]?.stringValue == "0")
            #expect(record["details"]?.objectMembers != nil)
            #expect(event.logStreamName?.hasPrefix("states/\(running.orders.name)/") == true)
        }
        let started = try #require(records.first?.0)
        #expect(
            started["details"]?["input"]?.stringValue.flatMap { try? JSONValue.parse($0) }?["user_id"]?.stringValue
                == "it_user")
        #expect(started["details"]?["inputDetails"]?["truncated"] == .bool(false))
        // Every line was ingested after its event happened. How soon is a figure, not a test:
        // Benchmarks/run.py case 9 measures it (a bound here failed on a loaded CI machine at 7.8 s
        // while the same build measures ~0.5 s alone); the median is printed for the log.
        let lags = records.compactMap { pair in
            pair.1.ingestionTime.flatMap { ingest in pair.1.timestamp.map { ingest - $0 } }
        }
        #expect(lags.count == records.count)
        // Timestamps are the event's own, in milliseconds (−1 allows the event's rounding; a unit or
        // clock mix-up is off by hours).
        #expect(lags.allSatisfy { (-1...600_000).contains($0) }, "lags outside an event's life: \(lags)")
        print("vended-log delivery: median lag \(lags.sorted()[lags.count / 2]) ms over \(lags.count) events")
    }

    @Test func expressExecutionsAreLoggedWithExpressArns() async throws {
        let running = try await LocalStackHarness.shared.start("flow")
        let reply = try await post(running, "webhook", #"{"event":"ping","n":1}"#)
        #expect(reply.status == 200)
        let arn = try #require((try JSONValue.parse(reply.body))["executionArn"]?.stringValue)
        #expect(arn.contains(":express:\(running.sample.name):"))
        let records = try #require(
            try await Waiting.until {
                let found = try await logRecords(running, group: running.sample.logGroupName, executionArn: arn)
                return found.contains { $0.0["type"]?.stringValue == "ExecutionSucceeded" } ? found : nil
            })
        #expect(
            records.map { $0.0["type"]!.stringValue! } == [
                "ExecutionStarted", "PassStateEntered", "PassStateExited", "PassStateEntered", "PassStateExited",
                "ExecutionSucceeded",
            ])
        #expect(
            records.compactMap { $0.0["details"]?["name"]?.stringValue } == [
                "PrintPayload", "PrintPayload", "SuccessState", "SuccessState",
            ])
    }

    @Test func anInvalidBodyGetsA400AndStartsNothing() async throws {
        let running = try await LocalStackHarness.shared.start("flow")
        let states = StepFunctionsClient(client: running.client)
        let before = try await states.listExecutions(stateMachineArn: running.orders.arn).collect().flatMap { $0 }.count
        let reply = try await post(running, "orders", #"{"id": "broken", "amount": }"#)
        #expect(reply.status == 400)
        #expect(
            try JSONValue.parse(reply.body)["message"]?.stringValue?.hasPrefix("Could not parse request body into json")
                == true)
        let unknown = try await post(running, "nowhere", "{}")
        #expect(unknown.status == 403)
        let after = try await states.listExecutions(stateMachineArn: running.orders.arn).collect().flatMap { $0 }.count
        #expect(after == before)
    }

    @Test func resendingTheSameOrderDoesNotStartItTwice() async throws {
        let running = try await LocalStackHarness.shared.start("flow")
        let body =
            #"{"id":"dup-\#(UUID().uuidString.prefix(8).lowercased())","user_id":"dup","customer":{"email":"d@example.com"},"items":[],"amount":1,"currency":"EUR","giftWrap":false}"#
        let first = try await post(running, "orders", body)
        let second = try await post(running, "orders", body)
        #expect(first.status == 200)
        #expect(second.status == 200)
        let firstArn = try JSONValue.parse(first.body)["executionArn"]
        #expect(try JSONValue.parse(second.body)["executionArn"] == firstArn)
        let name = try #require(firstArn?.stringValue?.split(separator: ":").last.map(String.init))
        let executions = try await StepFunctionsClient(client: running.client).listExecutions(
            stateMachineArn: running.orders.arn
        ).collect().flatMap { $0 }
        #expect(executions.filter { $0.name == name }.count == 1)
        // The same id with a different order is refused, as StartExecution refuses it.
        let conflicting = try await post(
            running, "orders", body.replacingOccurrences(of: #""amount":1"#, with: #""amount":2"#))
        #expect(conflicting.status == 500)
        #expect(conflicting.body == #"{"status":"webhook failed"}"#)
    }

    @Test func aRestartedDeliveryWritesNothingTwice() async throws {
        let running = try await LocalStackHarness.shared.start("flow")
        let reply = try await post(running, "webhook", #"{"restart":true}"#)
        let arn = try #require((try JSONValue.parse(reply.body))["executionArn"]?.stringValue)
        _ = try #require(
            try await Waiting.until {
                let found = try await logRecords(running, group: running.sample.logGroupName, executionArn: arn)
                return found.count == 6 ? found : nil
            })
        // Let every execution finish and the running delivery catch up: a second delivery running
        // beside a live one would race it (production runs exactly one).
        let states = StepFunctionsClient(client: running.client)
        _ = try await Waiting.until(.seconds(30)) {
            for machine in running.stack.machines {
                let executions = try await states.listExecutions(stateMachineArn: machine.arn).collect().flatMap { $0 }
                if executions.contains(where: { $0.status == "RUNNING" }) { return nil as Bool? }
            }
            return true
        }
        // Then until the live delivery has caught up (two polls in a row that wrote nothing).
        #expect(try await running.deliveryCaughtUp(), "the live delivery kept writing for 30 s")
        // A second delivery process (as after a crash) recovers from the logs and adds nothing.
        let fresh = VendedLogDelivery(client: running.client, machines: running.stack.machines)
        let written = try await fresh.pollOnce()
        #expect(written == 0)
        let again = try await logRecords(running, group: running.sample.logGroupName, executionArn: arn)
        #expect(again.count == 6)
    }
}
