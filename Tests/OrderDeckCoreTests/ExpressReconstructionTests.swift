import AWSClient
import AWSServices
import Foundation
import OrderDeckCore
import TestSupport
import Testing

/// Express executions rebuilt from recorded vended-log fixtures (captured from the local stack).
@Suite struct ExpressReconstructionTests {
    static func fixture(_ name: String) throws -> [String] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    static func records(_ lines: [String]) -> [VendedLogEvent] { lines.compactMap { VendedLogEvent(message: $0) } }

    let later = Date(timeIntervalSince1970: 1_900_000_000)

    @Test func aCompleteExecution() throws {
        let lines = try Self.fixture("express-complete.jsonl")
        let rebuilt = ExpressReconstructor().reconstruct(Self.records(lines), now: later)
        #expect(rebuilt.count == 1)
        let execution = try #require(rebuilt.first?.execution)
        #expect(execution.status == "SUCCEEDED")
        #expect(execution.isExpress)
        #expect(execution.machineName == "sample")
        #expect(execution.source == .logs)
        #expect(!execution.isPartial)
        #expect(!execution.isTruncated)
        #expect(execution.startDate != nil && execution.stopDate != nil)
        #expect(execution.input.flatMap { try? JSONValue.parse($0) }?["event"]?.stringValue == "order.created")
        #expect(execution.output != nil)
        let timeline = Timeline(events: try #require(rebuilt.first?.events))
        #expect(timeline.steps.map(\.name) == ["PrintPayload", "SuccessState"])
        #expect(timeline.steps.allSatisfy { $0.exited != nil && !$0.failed })
        #expect(timeline.failure == nil)
    }

    /// LocalStack writes `event_timestamp` as ISO-8601 with microseconds and no `redrive_count`:
    /// the same records in that form give the same execution and timeline.
    @Test func localStacksRecordVariantGivesTheSameExecution() throws {
        let lines = try Self.fixture("express-complete.jsonl")
        let variant = try lines.map { line -> String in
            var record = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let millis = try #require(Double(record["event_timestamp"] as? String ?? ""))
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss.SSS"
            record["event_timestamp"] =
                formatter.string(from: Date(timeIntervalSince1970: millis / 1000)) + "123+00:00"
            record["redrive_count"] = nil
            return String(decoding: try JSONSerialization.data(withJSONObject: record), as: UTF8.self)
        }
        #expect(variant.allSatisfy { !$0.contains("redrive_count") && $0.contains("+00:00") })
        let original = try #require(ExpressReconstructor().reconstruct(Self.records(lines), now: later).first)
        let rebuilt = try #require(ExpressReconstructor().reconstruct(Self.records(variant), now: later).first)
        #expect(rebuilt.execution == original.execution)
        #expect(rebuilt.events.map(\.timestamp) == original.events.map(\.timestamp))
        #expect(Timeline(events: rebuilt.events) == Timeline(events: original.events))
    }

    @Test func outOfOrderAndDuplicatedDeliveryGivesTheSameExecution() throws {
        let lines = try Self.fixture("express-complete.jsonl")
        let shuffled = [lines[4], lines[1], lines[5], lines[0], lines[3], lines[2], lines[1]]
        let ordered = ExpressReconstructor().reconstruct(Self.records(lines), now: later)
        let scrambled = ExpressReconstructor().reconstruct(Self.records(shuffled), now: later)
        #expect(scrambled == ordered)
        #expect(scrambled.first?.events.map(\.id) == [1, 2, 3, 4, 5, 6])
    }

    @Test func aPartialRecordSaysSo() throws {
        let lines = try Self.fixture("express-complete.jsonl")
        // Lost in delivery: the start and a middle event.
        let rebuilt = ExpressReconstructor().reconstruct(
            Self.records([lines[1], lines[3], lines[4], lines[5]]), now: later)
        let execution = try #require(rebuilt.first?.execution)
        #expect(execution.isPartial)
        #expect(execution.status == "SUCCEEDED")
        #expect(execution.input == nil)
    }

    @Test func noTerminalEventIsRunningWhileRecentThenUnknown() throws {
        let lines = Array(try Self.fixture("express-complete.jsonl").prefix(3))
        let records = Self.records(lines)
        let lastSeen = try #require(records.map(\.event.timestamp).max())
        #expect(
            ExpressReconstructor().reconstruct(records, now: lastSeen.addingTimeInterval(10)).first?.execution.status
                == "RUNNING")
        #expect(
            ExpressReconstructor().reconstruct(records, now: lastSeen.addingTimeInterval(3600)).first?.execution.status
                == "UNKNOWN")
        #expect(ExpressReconstructor().reconstruct(records, now: later).first?.execution.stopDate == nil)
    }

    @Test func aTruncatedPayloadIsMarked() throws {
        var lines = try Self.fixture("express-complete.jsonl")
        lines[0] = lines[0].replacingOccurrences(of: #""truncated":false"#, with: #""truncated":true"#)
        let execution = try #require(
            ExpressReconstructor().reconstruct(Self.records(lines), now: later).first?.execution)
        #expect(execution.isTruncated)
        #expect(!execution.isPartial)
    }

    @Test func aFailedExecutionPutsTheFailingStateFirst() throws {
        let lines = try Self.fixture("express-failed.jsonl")
        let rebuilt = try #require(ExpressReconstructor().reconstruct(Self.records(lines), now: later).first)
        #expect(rebuilt.execution.status == "FAILED")
        #expect(rebuilt.execution.error == "Order.PaymentDeclined")
        #expect(rebuilt.execution.cause == "The payment was declined and the order was cancelled.")
        let timeline = Timeline(events: rebuilt.events)
        let failure = try #require(timeline.failure)
        #expect(failure.state == "PaymentFailed")
        #expect(failure.error == "Order.PaymentDeclined")
        #expect(timeline.steps.first?.name == "InitializeOrder")
        #expect(timeline.steps.contains { $0.name == "AwaitPaymentConfirmation" && ($0.duration ?? 0) >= 2.9 })
        #expect(timeline.steps.first { $0.name == "InitializeOrder" }?.attempts == 1)
    }

    @Test func foreignLinesAreNotRecords() {
        #expect(VendedLogEvent(message: "START RequestId: 1234 Version: $LATEST") == nil)
        #expect(VendedLogEvent(message: #"{"type":"x"}"#) == nil)
        #expect(VendedLogEvent(message: #"{"id":"1","type":"ExecutionStarted","execution_arn":"a"#) == nil)
        // Numbers where AWS writes strings are read too.
        let lenient = VendedLogEvent(
            message: #"{"id":3,"type":"PassStateEntered","execution_arn":"arn","event_timestamp":1000}"#)
        #expect(lenient?.event.id == 3)
        #expect(lenient?.event.timestamp == Date(timeIntervalSince1970: 1))
    }

    @Test func severalExecutionsAreSeparatedAndNewestFirst() throws {
        let complete = try Self.fixture("express-complete.jsonl")
        let failed = try Self.fixture("express-failed.jsonl")
        let rebuilt = ExpressReconstructor().reconstruct(Self.records(failed + complete), now: later)
        #expect(rebuilt.count == 2)
        #expect(rebuilt[0].execution.startDate! >= rebuilt[1].execution.startDate!)
        #expect(Set(rebuilt.map(\.execution.status)) == ["SUCCEEDED", "FAILED"])
    }
}

@Suite struct OrderMappingTests {
    @Test func knownFieldsAreMappedAndTheRestKept() throws {
        let item = try JSONDecoder().decode(
            DynamoItem.self,
            from: Data(
                #"""
                {"user_id":{"S":"alice"},"id":{"S":"o-1"},"orderStatus":{"S":"COMPLETED"},"createdAt":{"S":"2026-11-23T07:41:46.291996+00:00"},
                 "amount":{"N":"12345678901234567890123456789012345678"},"currency":{"S":"EUR"},"items":{"S":"[{\"sku\":\"a\"},{\"sku\":\"b\"}]"},
                 "executionArn":{"S":"arn:aws:states:us-east-1:1:execution:OrderWorkflow:o-1"},
                 "extra":{"M":{"deep":{"SS":["x"]}}},"blob":{"B":"AAE="}}
                """#.utf8))
        let order = Order(item: item)
        #expect(order.userId == "alice")
        #expect(order.status == "COMPLETED")
        #expect(order.amount == "12345678901234567890123456789012345678")
        #expect(order.itemCount == 2)
        #expect(order.createdAt != nil)
        #expect(Set(order.otherAttributes.keys) == ["extra", "blob"])
        #expect(order.attributes == item)
    }

    @Test func oddItemsNeverCrash() {
        let odd: DynamoItem = [
            "id": .n("7"), "orderStatus": .m([:]), "createdAt": .bool(true), "amount": .l([]), "items": .s("not json"),
        ]
        let order = Order(item: odd)
        #expect(order.id == "7")
        #expect(order.userId == "")
        #expect(order.status == "{}")
        #expect(order.createdAt == nil)
        #expect(order.amount == nil)
        #expect(order.itemCount == nil)
        #expect(Order(item: [:]).status == "UNKNOWN")
    }
}
