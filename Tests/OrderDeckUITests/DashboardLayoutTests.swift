import Foundation
import OrderDeckCore
import OrderDeckUI
import TerminalUI
import Testing

/// Widths come from content, spare width goes to what would be cut, keys are declared once.
@Suite struct DashboardLayoutTests {
    static func render(_ state: DashboardState, _ width: Int, _ height: Int) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: width, height: height)
        DashboardView.render(state, into: &buffer)
        return buffer
    }

    static func lines(_ buffer: ScreenBuffer) -> [String] { (0..<buffer.height).map(buffer.line) }

    @Test func columnsAreSizedByTheirContentAndSpareWidthGoesToWhatWouldBeCut() throws {
        let size = TerminalSize(width: 160, height: 45)
        // The timeline: the state column as wide as the longest name, the result whole.
        let execution = Self.render(FixedData.state(screen: .execution, size: size), 160, 45)
        let header = try #require(Self.lines(execution).first { $0.hasPrefix("STATE") })
        let resultColumn = try #require(header.range(of: "RESULT")).lowerBound
        #expect(header.distance(from: header.startIndex, to: try #require(header.range(of: "KIND")).lowerBound) <= 26)
        let failedRow = try #require(Self.lines(execution).first { $0.hasPrefix("PaymentFailed") })
        #expect(String(failedRow[resultColumn...]).hasPrefix("FAILED Order.PaymentDeclined"))
        #expect(!failedRow.contains("…"))
        // Orders: the id column no wider than the id; nothing cut at 160 columns.
        let orders = Self.render(FixedData.state(screen: .orders, size: size), 160, 45)
        let ordersHeader = try #require(Self.lines(orders).first { $0.hasPrefix("ORDER") })
        #expect(
            ordersHeader.range(of: "USER").map {
                ordersHeader.distance(from: ordersHeader.startIndex, to: $0.lowerBound)
            } == 37)
        #expect(!Self.lines(orders).dropFirst(3).prefix(20).contains { $0.contains("…") })
        // Logs: the execution column whole while the event column has room.
        let logs = Self.render(FixedData.state(screen: .logs, size: size), 160, 45)
        let logLines = Self.lines(logs)
        #expect(logLines.contains { $0.contains("sample/495b19a0-21b7-4338-b32e-30e897fe8491 #1 ExecutionStarted") })
        #expect(logLines.contains { $0.contains("#26 ExecutionFailed  PaymentFailed  error=Order.PaymentDeclined") })
        #expect(!logLines.contains { $0.contains("…") })
    }

    @Test func rawEventsNameTheirStateAndResource() throws {
        var state = FixedData.state(screen: .execution, size: TerminalSize(width: 160, height: 45))
        _ = state.handle(.character("e"))
        let lines = Self.lines(Self.render(state, 160, 45))
        let scheduled = try #require(lines.first { $0.contains("TaskScheduled") })
        #expect(scheduled.contains("InitializeOrder"), "the state a task event belongs to: \(scheduled)")
        #expect(scheduled.contains("dynamodb:putItem"), "its resource: \(scheduled)")
        let started = try #require(lines.first { $0.contains("TaskStarted") })
        #expect(started.contains("InitializeOrder"))
    }

    @Test func theHelpOverlayHasABorderAndNothingShowsThroughInside() {
        var state = FixedData.state(screen: .orders, size: TerminalSize(width: 100, height: 30))
        _ = state.handle(.character("?"))
        let buffer = Self.render(state, 100, 30)
        let lines = Self.lines(buffer)
        let top = lines.firstIndex { $0.contains("┌ keys: orders") }!
        let bottom = lines.firstIndex { $0.contains("└") }!
        let left = lines[top].distance(from: lines[top].startIndex, to: lines[top].firstIndex(of: "┌")!)
        for row in (top + 1)..<bottom {
            #expect(Array(lines[row])[left] == "│")
            // Inside the box: only help text, never the orders table beneath.
            #expect(
                !lines[row].contains("COMPLETED") || lines[row].firstIndex(of: "│")! > lines[row].firstIndex(of: "C")!)
        }
    }

    @Test(arguments: [Screen.orders, .executions, .execution, .logs, .submit])
    func everyBoundKeyAppearsInTheHelpAndTheHintsComeFromTheSameTable(_ screen: Screen) {
        var state = FixedData.state(screen: screen, size: TerminalSize(width: 160, height: 60))
        let help = state.helpLines.joined(separator: "\n")
        for line in state.helpLines where !line.isEmpty {
            // Each entry: its keys, then what they do.
            #expect(line.split(separator: " ", omittingEmptySubsequences: true).count >= 2, "\(line)")
        }
        for key: Key in [.character("?"), .character(":"), .character("q"), .escape, .control("c"), .tab] {
            #expect(help.contains(key.displayName), "\(key.displayName) missing in \(screen) help")
        }
        _ = state.handle(.character("?"))
        let overlay = Self.lines(Self.render(state, 160, 60)).joined(separator: "\n")
        for line in state.helpLines where !line.isEmpty {
            #expect(overlay.contains(line.trimmingCharacters(in: .whitespaces)), "help line not shown: \(line)")
        }
        #expect(state.hints.contains("? help"))
    }

    @Test func theKeyTablesDriveHandlingHelpAndHints() {
        // Every key a screen table binds is in that screen's help, written as the hint writes it.
        let tables: [(Screen, [Key])] = [
            (.orders, ScreenKeys.bound(.orders)), (.executions, ScreenKeys.bound(.executions)),
            (.execution, ScreenKeys.bound(.execution)), (.logs, ScreenKeys.bound(.logs)),
            (.submit, ScreenKeys.bound(.submit)),
        ]
        for (screen, keys) in tables {
            let state = FixedData.state(screen: screen, size: TerminalSize(width: 160, height: 60))
            let help = state.helpLines.joined(separator: "\n")
            #expect(!keys.isEmpty)
            for key in keys { #expect(help.contains(key.displayName), "\(key.displayName) missing in \(screen) help") }
        }
    }
}
