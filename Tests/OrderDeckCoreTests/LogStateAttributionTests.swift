import AWSClient
import Foundation
import OrderDeckCore
import Testing

/// Issue 25: every log line names its state (and Map iteration), whatever its event type — from
/// the `previous_event_id` chain, as the history view attributes events.
@Suite struct LogStateAttributionTests {
    static let arn = "arn:aws:states:us-east-1:123456789012:execution:OrderWorkflow:o-1"

    static func record(_ id: Int, _ previous: Int, _ type: String, _ details: [(String, JSONValue)] = [])
        -> VendedLogEvent
    {
        let message = JSONValue.object([
            ("id", .string(String(id))), ("previous_event_id", .string(String(previous))), ("type", .string(type)),
            ("execution_arn", .string(arn)), ("event_timestamp", .string(String(1_795_000_000_000 + id))),
            ("details", .object(details)),
        ]).description
        return VendedLogEvent(message: message)!
    }

    @Test func tasksOfTwoBranchesAndTwoIterationsAreToldApart() {
        var attribution = LogStateAttribution()
        let records = [
            Self.record(1, 0, "ExecutionStarted"),
            Self.record(2, 1, "ParallelStateEntered", [("name", .string("NotifyAndAudit"))]),
            Self.record(3, 2, "ParallelStateStarted"),
            Self.record(4, 3, "TaskStateEntered", [("name", .string("Notify"))]),
            Self.record(5, 3, "TaskStateEntered", [("name", .string("Audit"))]),
            Self.record(6, 4, "TaskScheduled"), Self.record(7, 5, "TaskScheduled"),
            Self.record(8, 7, "TaskSucceeded"), Self.record(9, 6, "TaskSucceeded"),
            Self.record(10, 2, "MapStateEntered", [("name", .string("ReserveStock"))]),
            Self.record(11, 10, "MapIterationStarted", [("name", .string("ReserveStock")), ("index", .number("0"))]),
            Self.record(12, 10, "MapIterationStarted", [("name", .string("ReserveStock")), ("index", .number("1"))]),
            Self.record(13, 11, "TaskStateEntered", [("name", .string("ReserveItem"))]),
            Self.record(14, 12, "TaskStateEntered", [("name", .string("ReserveItem"))]),
            Self.record(15, 14, "TaskFailed", [("error", .string("Stock.Out"))]),
            Self.record(16, 13, "TaskSucceeded"),
            Self.record(17, 16, "MapIterationSucceeded", [("name", .string("ReserveStock")), ("index", .number("0"))]),
            Self.record(18, 17, "MapStateSucceeded"),
            Self.record(19, 18, "MapStateExited", [("name", .string("ReserveStock"))]),
        ]
        let labels = records.map { attribution.label(for: $0) }
        #expect(labels[7] == "Audit")
        #expect(labels[8] == "Notify")
        #expect(labels[14] == "ReserveItem · iteration 1")
        #expect(labels[15] == "ReserveItem · iteration 0")
        #expect(labels[16] == "ReserveStock · iteration 0")
        #expect(labels[17] == "ReserveStock")  // the Map's own event, not its last iteration's
        #expect(labels[18] == "ReserveStock")
        #expect(labels[0] == nil)
    }

    /// Found by a trial: `ParallelStateSucceeded` follows its last branch's exit and was named
    /// after that branch's task; `MapStateFailed` after a failing iteration's state. They belong
    /// to the Parallel and the Map.
    @Test func aContainersOwnEventsAfterItsChildrenNameTheContainer() {
        var attribution = LogStateAttribution()
        let records = [
            Self.record(1, 0, "ExecutionStarted"),
            Self.record(2, 1, "ParallelStateEntered", [("name", .string("NotifyAndAudit"))]),
            Self.record(3, 2, "ParallelStateStarted"),
            Self.record(4, 3, "TaskStateEntered", [("name", .string("NotifyOrderCompleted"))]),
            Self.record(5, 4, "TaskStateExited", [("name", .string("NotifyOrderCompleted"))]),
            Self.record(6, 5, "ParallelStateSucceeded"),
            Self.record(7, 6, "ParallelStateExited", [("name", .string("NotifyAndAudit"))]),
            Self.record(8, 7, "MapStateEntered", [("name", .string("ReserveStock"))]),
            Self.record(9, 8, "MapStateStarted"),
            Self.record(10, 9, "MapIterationStarted", [("name", .string("ReserveStock")), ("index", .number("2"))]),
            Self.record(11, 10, "FailStateEntered", [("name", .string("ItemDiscontinued"))]),
            Self.record(12, 11, "MapIterationFailed", [("name", .string("ReserveStock")), ("index", .number("2"))]),
            Self.record(13, 11, "MapStateFailed"),
        ]
        let labels = records.map { attribution.label(for: $0) }
        #expect(labels[5] == "NotifyAndAudit")
        #expect(labels[2] == "NotifyAndAudit")
        #expect(labels[10] == "ItemDiscontinued · iteration 2")
        #expect(labels[12] == "ReserveStock")
    }
}
