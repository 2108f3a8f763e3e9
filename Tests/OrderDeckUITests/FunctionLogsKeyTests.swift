import Foundation
import OrderDeckCore
import TerminalUI
import TestSupport
import Testing

@testable import OrderDeckUI

/// `L` on a Task state that invoked a Lambda function: the function's own log group, read for the
/// time the state ran, shown in the inspector; offered only where a function was invoked.
@Suite struct FunctionLogsKeyTests {
    static let arn = "arn:aws:states:us-east-1:123456789012:execution:OrderWorkflow:fn-1"
    static let started = FixedData.now.addingTimeInterval(-60)

    /// ProcessPayment as a direct function ARN (as the seeds write it), then a Pass state.
    static func opened() -> DashboardState {
        var state = FixedData.state(screen: .orders, size: TerminalSize(width: 120, height: 30))
        _ = state.openExecution(ExecutionARN(arn))
        let at = { (seconds: Double) in started.addingTimeInterval(seconds) }
        let function = "arn:aws:lambda:us-east-1:123456789012:function:ProcessPayment"
        let events = [
            ExecutionEvent(id: 1, previousEventId: 0, type: "ExecutionStarted", timestamp: at(0), details: .object([])),
            ExecutionEvent(
                id: 2, previousEventId: 0, type: "TaskStateEntered", timestamp: at(1),
                details: .object([("name", .string("ProcessPayment")), ("input", .string("{}"))])),
            ExecutionEvent(
                id: 3, previousEventId: 2, type: "TaskScheduled", timestamp: at(1),
                details: .object([("resourceType", .string("lambda")), ("resource", .string(function))])),
            ExecutionEvent(
                id: 4, previousEventId: 3, type: "TaskSucceeded", timestamp: at(2),
                details: .object([("output", .string("{}"))])),
            ExecutionEvent(
                id: 5, previousEventId: 4, type: "TaskStateExited", timestamp: at(2),
                details: .object([("name", .string("ProcessPayment")), ("output", .string("{}"))])),
            ExecutionEvent(
                id: 6, previousEventId: 5, type: "PassStateEntered", timestamp: at(3),
                details: .object([("name", .string("Done")), ("input", .string("{}"))])),
            ExecutionEvent(
                id: 7, previousEventId: 6, type: "PassStateExited", timestamp: at(3),
                details: .object([("name", .string("Done")), ("output", .string("{}"))])),
            ExecutionEvent(
                id: 8, previousEventId: 7, type: "ExecutionSucceeded", timestamp: at(3),
                details: .object([("output", .string("{}"))])),
        ]
        let execution = Execution(
            arn: ExecutionARN(arn), name: "fn-1", machineName: "OrderWorkflow", status: .succeeded,
            startDate: at(0), stopDate: at(3), source: .api)
        state.apply(.execution(execution, events))
        return state
    }

    @Test func lReadsTheFunctionsGroupForTheTimeTheStateRan() throws {
        var state = Self.opened()
        let steps = state.execution.timeline.steps
        #expect(steps.map(\.function) == ["ProcessPayment", nil])
        state.execution.table.selected = 1
        #expect(!state.hints.contains("L fn logs"), "\(state.hints)")
        #expect(state.handle(.character("L")).isEmpty)
        state.execution.table.selected = 0
        #expect(state.hints.contains("L fn logs"), "\(state.hints)")
        guard case .functionLogs(let window)? = state.handle(.character("L")).first else {
            Issue.record("L asked for no function logs")
            return
        }
        #expect(window.group == "/aws/lambda/ProcessPayment" && window.state == "ProcessPayment")
        #expect(window.start == Self.started.addingTimeInterval(1 - FunctionLogWindow.slack))
        #expect(window.end == Self.started.addingTimeInterval(2 + FunctionLogWindow.slack))

        let line = { (offset: Double, text: String) in
            TailedEvent(
                group: window.group, stream: "s", eventId: "\(offset)",
                timestamp: Int64(Self.started.addingTimeInterval(offset).timeIntervalSince1970 * 1000), message: text,
                record: nil)
        }
        state.apply(.functionLogs(window, [line(1.5, "charging 12.50 EUR\n"), line(1.2, "START RequestId: r-1")]))
        let inspector = try #require(state.inspector)
        #expect(inspector.title == "/aws/lambda/ProcessPayment while ProcessPayment ran (2 lines)")
        var buffer = ScreenBuffer(width: 120, height: 30)
        DashboardView.render(state, into: &buffer)
        let text = buffer.text
        let start = try #require(text.range(of: "START RequestId: r-1"))
        let charge = try #require(text.range(of: "charging 12.50 EUR"))
        #expect(start.lowerBound < charge.lowerBound, "oldest first: \(text)")

        // Nothing logged: said, no empty popup.
        state.inspector = nil
        state.apply(.functionLogs(window, []))
        #expect(state.inspector == nil)
        #expect(state.visibleNote?.text.contains("nothing logged while ProcessPayment ran") == true)
    }

    @Test func lambdaInvokeNamesItsFunctionInTheScheduledParameters() {
        let at = Self.started
        let events = [
            ExecutionEvent(id: 1, previousEventId: 0, type: "ExecutionStarted", timestamp: at, details: .object([])),
            ExecutionEvent(
                id: 2, previousEventId: 0, type: "TaskStateEntered", timestamp: at,
                details: .object([("name", .string("Charge"))])),
            ExecutionEvent(
                id: 3, previousEventId: 2, type: "TaskScheduled", timestamp: at,
                details: .object([
                    ("resourceType", .string("lambda")), ("resource", .string("invoke")),
                    (
                        "parameters",
                        .string(
                            #"{"FunctionName":"arn:aws:lambda:us-east-1:123456789012:function:Charge:live","Payload":{}}"#
                        )
                    ),
                ])),
        ]
        #expect(Timeline(events: events).steps.first?.function == "Charge")
    }
}
