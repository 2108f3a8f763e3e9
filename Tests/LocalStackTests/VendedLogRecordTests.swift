import AWSClient
import AWSServices
import Foundation
import LocalStack
import Testing

@Suite struct VendedLogRecordTests {
    let event = StepFunctions.HistoryEvent(
        timestamp: Date(timeIntervalSince1970: 1_592_523_400.158), type: "ExecutionStarted", id: 1, previousEventId: 0,
        detailsKey: "executionStartedEventDetails",
        details: .object([
            ("input", .string(#"{"a":1}"#)), ("inputDetails", .object([("truncated", .bool(false))])),
            ("roleArn", .string("arn:aws:iam::1:role/r")),
        ]))

    @Test func hasTheDocumentedShape() {
        let record = VendedLogRecord.make(
            event: event, executionArn: "arn:aws:states:us-east-1:1:express:sample:x", includeExecutionData: true)
        #expect(
            record.description
                == #"{"id":"1","type":"ExecutionStarted","details":{"input":"{\"a\":1}","inputDetails":{"truncated":false},"roleArn":"arn:aws:iam::1:role/r"},"previous_event_id":"0","event_timestamp":"1592523400158","execution_arn":"arn:aws:states:us-east-1:1:express:sample:x","redrive_count":"0"}"#
        )
    }

    @Test func withoutExecutionDataInputAndOutputAreLeftOut() {
        let record = VendedLogRecord.make(event: event, executionArn: "a", includeExecutionData: false)
        #expect(record["details"]?["input"] == nil)
        #expect(record["details"]?["roleArn"] != nil)
    }

    @Test func oversizedPayloadsAreTruncatedAndMarked() {
        var big = event
        big.details = .object([("output", .string(String(repeating: "x", count: 300_000)))])
        let record = VendedLogRecord.make(event: big, executionArn: "a", includeExecutionData: true)
        #expect(record["details"]?["output"]?.stringValue?.utf8.count == VendedLogRecord.maxPayloadBytes)
        #expect(record["details"]?["outputDetails"]?["truncated"] == .bool(true))
    }

    @Test func levelsFilterEventTypes() {
        #expect(VendedLogRecord.isLogged(type: "PassStateEntered", level: "ALL"))
        #expect(!VendedLogRecord.isLogged(type: "PassStateEntered", level: "ERROR"))
        #expect(VendedLogRecord.isLogged(type: "TaskFailed", level: "ERROR"))
        #expect(!VendedLogRecord.isLogged(type: "TaskFailed", level: "FATAL"))
        #expect(VendedLogRecord.isLogged(type: "ExecutionFailed", level: "FATAL"))
        #expect(!VendedLogRecord.isLogged(type: "ExecutionFailed", level: "OFF"))
    }

    @Test func streamNamesFollowTheVendedPattern() {
        let name = VendedLogRecord.streamName(
            machine: "sample", executionStart: Date(timeIntervalSince1970: 1_592_523_400))
        #expect(name.hasPrefix("states/sample/2020-06-18-23-36/"))
        #expect(name.split(separator: "/").last?.count == 8)
    }
}
