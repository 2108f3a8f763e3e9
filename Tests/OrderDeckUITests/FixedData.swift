import AWSClient
import AWSServices
import Foundation
import OrderDeckCore
import OrderDeckUI
import TerminalUI

/// Fixed data for screen snapshots: nothing depends on the clock or the network.
enum FixedData {
    static let now = Date(timeIntervalSince1970: 1_795_421_900)  // a few minutes after the fixtures
    static let statuses = ["COMPLETED", "COMPLETED", "CANCELLED", "PENDING", "COMPLETED"]
    static let users = ["alice", "bob", "carol", "demo_user"]

    static func orders(_ count: Int) -> [Order] {
        (0..<count).map { index in
            let id = String(format: "%08x-0000-4000-a000-%012x", index * 7919, index)
            var item: DynamoItem = [
                "user_id": .s(users[index % users.count]), "id": .s(id),
                "orderStatus": .s(statuses[index % statuses.count]),
                "createdAt": .s(ISO8601.format(now.addingTimeInterval(Double(-index * 37)))),
                "amount": .n(String(format: "%d.%02d", 10 + index * 3, index % 100)), "currency": .s("EUR"),
                "executionArn": .s("arn:aws:states:us-east-1:123456789012:execution:OrderWorkflow:\(id)"),
            ]
            if index == 2 { item["customerEmail"] = .s("evil\u{1B}]0;pwned\u{07}@example.com\u{1B}[31m") }
            return Order(item: item)
        }
    }

    static func executions(for orders: [Order]) -> [Execution] {
        orders.enumerated().map { index, order in
            let status: ExecutionStatus = index == 0 ? .running : (order.status == .cancelled ? .failed : .succeeded)
            return Execution(
                arn: order.executionArn!, name: order.id.rawValue, machineName: "OrderWorkflow", status: status,
                startDate: order.createdAt,
                stopDate: status == .running ? nil : order.createdAt?.addingTimeInterval(3.4), source: .api)
        }
    }

    static func fixtureLines(_ name: String) -> [String] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("OrderDeckCoreTests/Fixtures/\(name)")
        return ((try? String(contentsOf: url, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    /// The completed and the failed Express run as `a` and `b`'s histories (named as they are).
    static func diffPair(
        _ a: Execution, _ b: Execution
    ) -> ((Execution, [ExecutionEvent]), (Execution, [ExecutionEvent])) {
        func history(_ fixture: String, as listed: Execution) -> (Execution, [ExecutionEvent]) {
            let records = fixtureLines(fixture).compactMap { VendedLogEvent(message: $0) }
            var rebuilt = ExpressReconstructor().build(arn: listed.arn, events: records.map(\.event), now: now)
            rebuilt.execution.arn = listed.arn
            rebuilt.execution.name = listed.name
            return (rebuilt.execution, rebuilt.events)
        }
        return (history("express-complete.jsonl", as: a), history("express-failed.jsonl", as: b))
    }

    static var failedRecords: [VendedLogEvent] {
        fixtureLines("express-failed.jsonl").compactMap { VendedLogEvent(message: $0) }
    }

    static var logEvents: [TailedEvent] {
        (fixtureLines("express-complete.jsonl") + fixtureLines("express-failed.jsonl")).enumerated().compactMap {
            index, line in
            guard let record = VendedLogEvent(message: line) else { return nil }
            return TailedEvent(
                group: "/aws/vendedlogs/states/sample", stream: "s", eventId: "e\(index)",
                timestamp: Int64(record.event.timestamp.timeIntervalSince1970 * 1000), message: line, record: record)
        } + [
            TailedEvent(
                group: "g", stream: "s", eventId: "x", timestamp: 1_795_421_899_000,
                message: "plain line with \u{1B}[2J escape", record: nil)
        ]
    }

    static let machines = [
        MachineInfo(
            name: "OrderWorkflow", arn: "arn:aws:states:us-east-1:123456789012:stateMachine:OrderWorkflow",
            type: .standard, logGroupName: "/aws/vendedlogs/states/OrderWorkflow", logLevel: "ALL",
            includesExecutionData: true),
        MachineInfo(
            name: "sample", arn: "arn:aws:states:us-east-1:123456789012:stateMachine:sample", type: .express,
            logGroupName: "/aws/vendedlogs/states/sample", logLevel: "ALL", includesExecutionData: true),
    ]

    static let stack = StackInfo(
        name: "local", region: "us-east-1", endpoint: "http://127.0.0.1:5000", profile: nil, isLocal: true,
        readOnly: false)

    static func state(screen: Screen, size: TerminalSize = TerminalSize(width: 80, height: 24)) -> DashboardState {
        var state = DashboardState(stack: stack)
        state.size = size
        state.now = now
        let orders = orders(40)
        state.apply(.machines(machines))
        state.apply(.orders(OrderIndex(orders), loading: false))
        state.apply(.executions(machine: "OrderWorkflow", executions(for: orders)))
        state.apply(.logs(logEvents))
        state.apply(.health(.live))
        switch screen {
        case .overview:
            _ = state.handle(.character("0"))
            // What the dashboard works out off the terminal thread and posts back.
            state.apply(
                .overviewFigures(
                    OverviewFigures(
                        executions: executions(for: orders), orders: orders, logs: logEvents, now: now)))
        case .orders: break
        case .executions: _ = state.handle(.character("2"))
        case .logs: _ = state.handle(.character("3"))
        case .submit:
            _ = state.handle(.character("4"))
            let records = failedRecords
            let arn = records[0].executionArn
            state.apply(
                .submitted(
                    Submission(
                        id: "0f6c1d2e", orderId: "fx-1", stack: "local", url: "http://127.0.0.1:5001/main/orders",
                        body: "{}", createdAt: now,
                        state: .answered, attempts: 1, status: 200,
                        responseBody: #"{"status":"webhook submitted","executionArn":"\#(arn)"}"#,
                        requestId: "req-123", executionArn: arn), resent: false))
            state.note = nil
            let rebuilt = ExpressReconstructor().build(arn: ExecutionARN(arn), events: records.map(\.event), now: now)
            state.apply(.execution(rebuilt.execution, rebuilt.events))
        case .execution:
            let records = failedRecords
            let arn = records[0].executionArn
            _ = state.openExecution(ExecutionARN(arn))
            let rebuilt = ExpressReconstructor().build(arn: ExecutionARN(arn), events: records.map(\.event), now: now)
            state.apply(.execution(rebuilt.execution, rebuilt.events))
        case .mapRun:
            // The failed distributed Map's row, ⏎, and the run as DescribeMapRun and its listing say.
            let events = MapRunData.parentEvents
            _ = state.openExecution(MapRunData.parent)
            state.apply(.execution(Execution(standardHistory: events, arn: MapRunData.parent), events))
            _ = state.handle(.enter)
            state.apply(.mapRun(MapRunData.detail))
        case .diff:
            // The first execution marked (space), the second selected, D; both histories read.
            _ = state.handle(.character("2"))
            _ = state.handle(.character(" "))
            _ = state.handle(.down)
            _ = state.handle(.character("D"))
            state.note = nil
            let (a, b) = diffPair(state.executions.visible[0], state.executions.visible[1])
            state.apply(.diffHistories(a: a, b: b))
        default: break
        }
        return state
    }
}
