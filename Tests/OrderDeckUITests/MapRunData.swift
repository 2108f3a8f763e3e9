import AWSClient
import Foundation
import OrderDeckCore
import OrderDeckUI
import TestSupport

/// A Standard execution whose distributed Map (ShipItems) failed past its tolerance, its Map
/// Run (DescribeMapRun) and the run's child executions with their histories: fixed data for the
/// Map Run screen's snapshots and its tests.
enum MapRunData {
    static let parent = ExecutionARN("arn:aws:states:us-east-1:123456789012:execution:OrderWorkflow:batch-7")
    static let run = "arn:aws:states:us-east-1:123456789012:mapRun:OrderWorkflow/ShipItems:5f0e2a11"
    static let start = FixedData.now.addingTimeInterval(-120)

    static func event(_ id: Int, _ previous: Int, _ type: String, at seconds: Double, _ details: [(String, JSONValue)])
        -> ExecutionEvent
    {
        ExecutionEvent(
            id: id, previousEventId: previous, type: type, timestamp: start.addingTimeInterval(seconds),
            details: .object(details))
    }

    static var parentEvents: [ExecutionEvent] {
        [
            event(1, 0, "ExecutionStarted", at: 0, [("input", .string(#"{"batch":"batch-7"}"#))]),
            event(2, 1, "MapStateEntered", at: 0.1, [("name", .string("ShipItems")), ("input", .string("{}"))]),
            event(3, 2, "MapStateStarted", at: 0.2, [("length", .number("5"))]),
            event(4, 3, "MapRunStarted", at: 0.3, [("mapRunArn", .string(run))]),
            event(
                5, 4, "MapRunFailed", at: 9.5,
                [("error", .string("States.ExceedToleratedFailureThreshold")), ("cause", .string("2 of 5 failed"))]),
            event(6, 5, "MapStateFailed", at: 9.6, []),
            event(
                7, 6, "ExecutionFailed", at: 9.7,
                [("error", .string("States.ExceedToleratedFailureThreshold")), ("cause", .string("2 of 5 failed"))]),
        ]
    }

    static let childNames = ["item-0", "item-1", "item-2", "item-3", "item-4"]

    static func childArn(_ name: String) -> ExecutionARN {
        ExecutionARN("arn:aws:states:us-east-1:123456789012:execution:OrderWorkflow/ShipItems:\(name)")
    }

    static func status(of name: String) -> ExecutionStatus {
        name == "item-1" || name == "item-3" ? .failed : .succeeded
    }

    static var children: [Execution] {
        childNames.enumerated().reversed().map { index, name in
            Execution(
                arn: childArn(name), name: name, machineName: "OrderWorkflow/ShipItems",
                status: status(of: name),
                startDate: start.addingTimeInterval(1 + Double(index)),
                stopDate: start.addingTimeInterval(2.5 + Double(index)), source: .api)
        }
    }

    static var detail: MapRunDetail {
        MapRunDetail(
            run: MapRun(
                arn: run, executionArn: parent, status: .failed, startDate: start.addingTimeInterval(0.3),
                stopDate: start.addingTimeInterval(9.5), maxConcurrency: 2, toleratedFailureCount: 1,
                toleratedFailurePercentage: 0,
                itemCounts: MapRun.Counts(
                    total: 5, succeeded: 3, failed: 2, resultsWritten: 3, failuresNotRedrivable: 0),
                executionCounts: MapRun.Counts(total: 5, succeeded: 3, failed: 2, resultsWritten: 3)),
            children: children)
    }

    /// A child's own history: one Pass state, then its end.
    static func childHistory(_ name: String) -> [ExecutionEvent] {
        let failed = status(of: name) == .failed
        return [
            event(1, 0, "ExecutionStarted", at: 1, [("input", .string(#"{"item":"\#(name)"}"#))]),
            event(2, 1, "PassStateEntered", at: 1.1, [("name", .string("Ship")), ("input", .string("{}"))]),
            event(3, 2, "PassStateExited", at: 1.2, [("name", .string("Ship")), ("output", .string("{}"))]),
            failed
                ? event(4, 3, "ExecutionFailed", at: 1.3, [("error", .string("Item.Lost")), ("cause", .string(name))])
                : event(4, 3, "ExecutionSucceeded", at: 1.3, [("output", .string("{}"))]),
        ]
    }

    /// The standard data with this execution, its run and its children in the source.
    static func sourceData() -> FakeDashboardSource.Data {
        var data = DashboardHarness.standardData()
        data.details[parent] = (Execution(standardHistory: parentEvents, arn: parent), parentEvents)
        data.mapRuns[run] = detail
        for name in childNames {
            let events = childHistory(name)
            data.details[childArn(name)] = (Execution(standardHistory: events, arn: childArn(name)), events)
        }
        return data
    }
}
