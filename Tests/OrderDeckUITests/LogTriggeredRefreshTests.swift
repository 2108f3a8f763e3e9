import AWSClient
import AWSServices
import Foundation
import OrderDeckCore
import OrderDeckUI
import TestSupport
import Testing

/// Issue 28: a log record of an execution makes the dashboard read what it touched at once —
/// the order by key, the machine's list, the watched execution — not at the next timed read; a
/// quiet stack reads nothing more. In process: the fake source, a manual clock.
@Suite struct LogTriggeredRefreshTests {
    static let id = "o-live-1"
    static let arn = "arn:aws:states:us-east-1:123456789012:execution:OrderWorkflow:\(id)"

    /// A vended log record as Step Functions writes it.
    static func record(_ eventId: Int, _ type: String, details: String = "{}", at millis: Int64) -> TailedEvent {
        let message =
            #"{"id":"\#(eventId)","type":"\#(type)","details":\#(details),"previous_event_id":"\#(eventId - 1)","event_timestamp":"\#(millis)","execution_arn":"\#(arn)","redrive_count":"0"}"#
        return TailedEvent(
            group: "/aws/vendedlogs/states/OrderWorkflow", stream: "s", eventId: "live-\(eventId)", timestamp: millis,
            message: message, record: VendedLogEvent(message: message))
    }

    /// The order and execution the workflow has written by the time its records are read.
    static func written(_ data: inout FakeDashboardSource.Data, status: String) {
        let created = ISO8601.format(FixedData.now)
        data.orders.append(
            Order(item: [
                "user_id": .s("zoe"), "id": .s(id), "orderStatus": .s(status), "createdAt": .s(created),
                "amount": .n("12.50"), "currency": .s("EUR"), "executionArn": .s(arn),
            ]))
        data.executions["OrderWorkflow", default: []].insert(
            Execution(
                arn: ExecutionARN(arn), name: id, machineName: "OrderWorkflow",
                status: status == "COMPLETED" ? .succeeded : .running,
                startDate: FixedData.now, stopDate: nil, source: .api), at: 0)
    }

    /// The standard data with nothing running: the lists are on their slow cadence (two seconds
    /// and more), so only the tail's round comes due in a second and a half.
    static func settledData() -> FakeDashboardSource.Data {
        var data = DashboardHarness.standardData()
        data.executions["OrderWorkflow"] = data.executions["OrderWorkflow"]!.map {
            var execution = $0
            if execution.status == .running {
                execution.status = .succeeded
                execution.stopDate = execution.startDate
            }
            return execution
        }
        return data
    }

    @Test func aQuietStackReadsNothingMoreThanItsTimedReads() async throws {
        let harness = DashboardHarness(data: Self.settledData())
        await harness.settle(parked: 5)
        let quiet = harness.source.counts
        harness.clock.advance(by: .milliseconds(1500))
        await harness.settle(parked: 5)
        let after = harness.source.counts
        #expect(after.logPolls > quiet.logPolls)
        #expect(after.orderLookups == quiet.orderLookups && after.executionRefreshes == quiet.executionRefreshes)
        #expect(after.orderScans == quiet.orderScans)
    }

    @Test func aRecordOfAnExecutionReadsItsOrderByKeyAndItsListAtOnce() async throws {
        let harness = DashboardHarness(data: Self.settledData())
        await harness.settle(parked: 5)
        // The workflow ran: its order and execution are written, its records reach the log group.
        let before = harness.source.counts
        let base = Int64(FixedData.now.timeIntervalSince1970 * 1000)
        harness.source.update { data in
            Self.written(&data, status: "COMPLETED")
            data.logLines += [
                Self.record(
                    1, "ExecutionStarted", details: #"{"input":"{\"id\":\"o-live-1\",\"user_id\":\"zoe\"}"}"#,
                    at: base),
                Self.record(2, "TaskStateEntered", details: #"{"name":"InitializeOrder"}"#, at: base + 5),
                Self.record(3, "TaskStateExited", details: #"{"name":"InitializeOrder"}"#, at: base + 40),
                Self.record(4, "ExecutionSucceeded", details: #"{"output":"{}"}"#, at: base + 90),
            ]
        }
        // Only the tail's round comes due (the orders and lists wait two seconds or more).
        harness.clock.advance(by: .milliseconds(1500))
        #expect(await harness.waitFor { $0.state.orders.visible.contains { $0.id.rawValue == Self.id } })
        #expect(
            await harness.waitFor {
                $0.state.executions.byMachine["OrderWorkflow"]?.contains { $0.arn.rawValue == Self.arn } == true
            })
        let after = harness.source.counts
        // The order came by key (the user from the start record's input), not from a table read.
        #expect(after.orderLookups == before.orderLookups + 1)
        #expect(after.changedQueries == before.changedQueries && after.recentQueries == before.recentQueries)
        #expect(after.orderScans == before.orderScans)
        // Its list was read for it (the lists' own cadence is two seconds or more).
        #expect(after.executionRefreshes > before.executionRefreshes)
        #expect(harness.state.orders.visible.first { $0.id.rawValue == Self.id }?.status == .completed)
    }

    @Test func anOrderWhoseUserNoRecordNamesRunsTheOrdersFeedInstead() async throws {
        let harness = DashboardHarness(data: Self.settledData())
        await harness.settle(parked: 5)
        let before = harness.source.counts
        let base = Int64(FixedData.now.timeIntervalSince1970 * 1000)
        harness.source.update { data in
            Self.written(&data, status: "PENDING")
            // Logged without execution data: no input, so no user to read the order by.
            data.logLines += [
                Self.record(1, "ExecutionStarted", at: base),
                Self.record(2, "TaskStateExited", details: #"{"name":"InitializeOrder"}"#, at: base + 40),
            ]
        }
        harness.clock.advance(by: .milliseconds(1500))
        #expect(await harness.waitFor { $0.state.orders.visible.contains { $0.id.rawValue == Self.id } })
        let after = harness.source.counts
        #expect(after.orderLookups == before.orderLookups)
        // The orders feed ran at once instead (not at its two-second turn).
        #expect(after.orderScans > before.orderScans)
    }
}
