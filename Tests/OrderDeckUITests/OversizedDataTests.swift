import AWSClient
import AWSServices
import Foundation
import OrderDeckCore
import OrderDeckUI
import TerminalUI
import Testing

/// The biggest things AWS will hand the dashboard — a 256 KB log message (CloudWatch's limit), an
/// order with 10,000 attributes, a history of 25,000 events — render, truncated visibly, and the
/// screens stay usable (scrolling to the end works). Nothing here may hang or trap.
@Suite struct OversizedDataTests {
    static func rendered(_ state: DashboardState, width: Int = 100, height: Int = 30) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: width, height: height)
        DashboardView.render(state, into: &buffer)
        return buffer
    }

    @Test func aLogMessageOf256KilobytesIsTruncatedOnItsLineAndShownWhole() {
        var state = FixedData.state(screen: .logs, size: TerminalSize(width: 100, height: 30))
        let huge = "BIG " + String(repeating: "0123456789abcdef", count: 256 * 1024 / 16)
        #expect(huge.utf8.count > 256 * 1024)
        state.apply(
            .logs([
                TailedEvent(
                    group: "g", stream: "s", eventId: "huge", timestamp: 1_795_421_899_500, message: huge, record: nil)
            ]))
        _ = state.handle(.end)
        let screen = Self.rendered(state)
        let line = try! #require((0..<screen.height).map(screen.line).first { $0.contains("BIG 0123") })
        #expect(line.count <= 100)
        #expect(line.contains("…"), "a cut line says so: \(line)")
        // w shows the selected line in full: wrapped over the pane, still bounded by the screen.
        _ = state.handle(.character("w"))
        let full = Self.rendered(state)
        let wrapped = (0..<full.height).map(full.line).filter { $0.contains("0123456789abcdef") }
        #expect(wrapped.count >= 5, "the full view wraps the message over the pane")
        print("oversized: 256 KB log message rendered (cut with …, wrapped in the full view)")
    }

    @Test func anOrderWithTenThousandAttributesRendersAndKeepsThemAll() {
        var item: DynamoItem = [
            "user_id": .s("wide"), "id": .s("order-wide"), "orderStatus": .s("COMPLETED"),
            "createdAt": .s("2030-01-01T10:00:00Z"),
        ]
        for index in 0..<10_000 { item[String(format: "attr%05d", index)] = .s("value \(index)") }
        let order = Order(item: item)
        #expect(order.otherAttributes.count == 10_000)
        var state = FixedData.state(screen: .orders, size: TerminalSize(width: 100, height: 30))
        state.apply(.orders(OrderIndex([order] + FixedData.orders(40)), loading: false))
        let screen = Self.rendered(state)
        #expect((0..<screen.height).map(screen.line).contains { $0.contains("order-wide") })
        print("oversized: order with 10,000 attributes rendered, attributes kept: \(order.otherAttributes.count)")
    }

    @Test func aHistoryOf25000EventsRendersItsTimelineAndScrollsToTheEnd() {
        var state = FixedData.state(screen: .execution, size: TerminalSize(width: 100, height: 30))
        let arn = "arn:aws:states:us-east-1:123456789012:execution:OrderWorkflow:huge"
        let start = Date(timeIntervalSince1970: 1_795_421_000)
        var events: [ExecutionEvent] = [
            ExecutionEvent(
                id: 1, previousEventId: 0, type: "ExecutionStarted", timestamp: start,
                details: .object([("input", .string("{}"))]))
        ]
        // 12,499 Pass states entered and exited, then success: 25,000 events.
        for step in 0..<12_499 {
            let id = events.count + 1
            let at = start.addingTimeInterval(Double(step) * 0.01)
            events.append(
                ExecutionEvent(
                    id: id, previousEventId: id - 1, type: "PassStateEntered", timestamp: at,
                    details: .object([("name", .string("Step\(step)")), ("input", .string("{}"))])))
            events.append(
                ExecutionEvent(
                    id: id + 1, previousEventId: id, type: "PassStateExited", timestamp: at.addingTimeInterval(0.005),
                    details: .object([("name", .string("Step\(step)")), ("output", .string("{\"step\":\(step)}"))])))
        }
        events.append(
            ExecutionEvent(
                id: events.count + 1, previousEventId: events.count, type: "ExecutionSucceeded",
                timestamp: start.addingTimeInterval(130), details: .object([("output", .string("{}"))])))
        #expect(events.count == 25_000)
        let execution = Execution(
            arn: ExecutionARN(arn), name: "huge", machineName: "OrderWorkflow", status: .succeeded, startDate: start,
            stopDate: start.addingTimeInterval(130), source: .api)
        _ = state.openExecution(ExecutionARN(arn))
        state.apply(.execution(execution, events))
        let first = Self.rendered(state)
        #expect((0..<first.height).map(first.line).contains { $0.contains("Step0") })
        _ = state.handle(.end)
        let last = Self.rendered(state)
        #expect((0..<last.height).map(last.line).contains { $0.contains("Step12498") }, "End reaches the last state")
        // The raw event list, one key away, reaches event 25,000 too.
        _ = state.handle(.character("e"))
        _ = state.handle(.end)
        let raw = Self.rendered(state)
        #expect(
            (0..<raw.height).map(raw.line).contains { $0.contains("25000") },
            "\((0..<raw.height).map(raw.line).joined(separator: "\n"))")
        print("oversized: history of 25,000 events rendered (timeline and raw list scrolled to the end)")
    }
}
