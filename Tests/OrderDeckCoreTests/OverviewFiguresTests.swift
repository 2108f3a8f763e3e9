import AWSServices
import Foundation
import OrderDeckCore
import TestSupport
import Testing

/// The Overview's figures from executions, orders and log records made for the purpose.
@Suite struct OverviewFiguresTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)  // 2027-01-15 08:00:00 UTC, a whole minute

    func execution(_ name: String, _ status: ExecutionStatus, started: TimeInterval, took: TimeInterval?) -> Execution {
        Execution(
            arn: "arn:aws:states:us-east-1:123456789012:execution:OrderWorkflow:\(name)", name: name,
            machineName: "OrderWorkflow", status: status, startDate: now.addingTimeInterval(started),
            stopDate: took.map { now.addingTimeInterval(started + $0) }, source: .api)
    }

    /// Issue 25: the minute's summary and the list ⏎ opens agree, even when more executions of
    /// that minute were loaded after the figures were worked out.
    @Test func theMinutesDrillDownListsWhatItsSummaryCounted() {
        let counted = [
            execution("a", .failed, started: -130, took: 4), execution("b", .failed, started: -128, took: 4),
            execution("c", .succeeded, started: -126, took: 4),
        ]
        let figures = OverviewFigures(executions: counted, orders: [], logs: [], now: now)
        let minute = figures.minutes[56]
        #expect(minute.failed == 2 && minute.succeeded == 1)
        // Loaded since: a third failure in the same minute, and a status that changed.
        var later = counted + [execution("d", .failed, started: -127, took: 4)]
        later[2].status = .failed
        let failed = figures.executions(in: 56, of: later, failedOnly: true)
        #expect(failed.map(\.name).sorted() == ["a", "b"])
        #expect(failed.count == minute.failed)
        #expect(figures.executions(in: 56, of: later, failedOnly: false).count == minute.total)
    }

    @Test func perMinuteCountsFailureRatesAndStuck() {
        var executions: [Execution] = []
        // Ten finished in the last hour, each taking 4 s: three failed, two of them 2 minutes ago.
        for index in 0..<10 {
            let status: ExecutionStatus = index < 2 ? .failed : (index == 2 ? .timedOut : .succeeded)
            let started: TimeInterval = index < 2 ? -125 : -Double(600 + index * 60)
            executions.append(execution("e\(index)", status, started: started, took: 4))
        }
        // RUNNING for 10 minutes (past the p99 of 4 s) and for 2 s (not).
        executions.append(execution("long", .running, started: -600, took: nil))
        executions.append(execution("fresh", .running, started: -2, took: nil))
        let figures = OverviewFigures(executions: executions, orders: [], logs: [], now: now)
        #expect(figures.minutes.count == 60)
        #expect(figures.minutes.last?.start == now)
        // Ended at now-121 s: the minute starting now-180 s (59 is the current one), index 56.
        #expect(figures.minutes[56].failed == 2 && figures.minutes[56].succeeded == 0)
        #expect(figures.minutes.reduce(0) { $0 + $1.succeeded } == 7)
        #expect(figures.minutes.reduce(0) { $0 + $1.failed } == 3)
        #expect(figures.failureRateNow == 1.0)
        #expect(figures.failureRateHour == 0.3)
        #expect(figures.stuck.map(\.name) == ["long"])
        #expect(figures.chartSource == "loaded executions")
        #expect(figures.executions(in: 56, of: executions, failedOnly: true).map(\.name).sorted() == ["e0", "e1"])
        #expect(figures.executions(in: 56, of: executions, failedOnly: false).count == 2)
    }

    @Test func stateTimingsOrdersAndLogErrors() throws {
        let arn = "arn:aws:states:us-east-1:123456789012:execution:OrderWorkflow:o-1"
        func line(_ id: Int, _ type: String, _ name: String?, at offset: TimeInterval) -> TailedEvent {
            var details: [(String, JSONValue)] = []
            if let name { details.append(("name", .string(name))) }
            let record = VendedLogEvent(
                message: JSONValue.object([
                    ("id", .string(String(id))), ("previous_event_id", .string(String(id - 1))),
                    ("type", .string(type)),
                    ("execution_arn", .string(arn)),
                    ("event_timestamp", .string(String(Int64((now.timeIntervalSince1970 + offset) * 1000)))),
                    ("details", .object(details)),
                ]).description)
            return TailedEvent(
                group: "g", stream: "s", eventId: String(id),
                timestamp: Int64((now.timeIntervalSince1970 + offset) * 1000),
                message: "", record: record)
        }
        let logs = [
            line(1, "ExecutionStarted", nil, at: -10), line(2, "TaskStateEntered", "Pay", at: -9),
            line(3, "TaskFailed", nil, at: -7), line(4, "TaskStateExited", "Pay", at: -6),
            line(5, "WaitStateEntered", "Hold", at: -6), line(6, "WaitStateExited", "Hold", at: -1),
            line(7, "ExecutionFailed", nil, at: -1),
        ]
        func order(_ id: String, _ status: String) -> Order {
            Order(item: ["user_id": .s("u"), "id": .s(id), "orderStatus": .s(status)])
        }
        let orders = [order("o-1", "PENDING"), order("o-2", "COMPLETED"), order("o-3", "COMPLETED")]
        let executions = [execution("o-1", .failed, started: -10, took: 9)]
        let figures = OverviewFigures(executions: executions, orders: orders, logs: logs, now: now)
        #expect(figures.stateTimings.map(\.state) == ["Hold", "Pay"])
        #expect(figures.stateTimings.first?.p95 == 5 && figures.stateTimings.last?.p50 == 3)
        #expect(figures.ordersByStatus.map(\.status) == [.completed, .pending])
        #expect(figures.pendingEnded.map(\.orderId) == ["o-1"])
        #expect(figures.logErrors == 2 && figures.logRecords == 7)
    }

    @Test func metricsReplaceTheLoadedCounts() {
        var metrics = StatesMetrics(points: [])
        metrics.add("ExecutionsSucceeded", values: [(now.addingTimeInterval(-90), 12)])
        metrics.add("ExecutionsFailed", values: [(now.addingTimeInterval(-90), 3)])
        metrics.add("ExecutionsStarted", values: [(now.addingTimeInterval(-90), 15)])
        let figures = OverviewFigures(
            executions: [execution("x", .succeeded, started: -30, took: 1)], orders: [], logs: [], metrics: metrics,
            now: now)
        #expect(figures.chartSource == "CloudWatch AWS/States")
        #expect(
            figures.minutes[57].succeeded == 12 && figures.minutes[57].failed == 3 && figures.minutes[57].started == 15)
        #expect(figures.minutes[58].total == 0 && figures.minutes[59].total == 0)
    }
}
