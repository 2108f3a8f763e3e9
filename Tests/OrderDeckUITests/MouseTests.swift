import Foundation
import OrderDeckCore
import OrderDeckUI
import TerminalUI
import TestSupport
import Testing

/// The mouse in process, through the real event loop: the events the curses terminal turns
/// clicks, double-clicks and the wheel into.
@Suite struct MouseTests {
    func column(of text: String, in line: String) throws -> Int {
        let range = try #require(line.range(of: text))
        return line.distance(from: line.startIndex, to: range.lowerBound)
    }

    @Test func clickSelectsDoubleClickOpensWheelScrollsTabsSwitch() async throws {
        let harness = DashboardHarness(width: 120, height: 40)
        await harness.settle()
        // A click on a tab switches to it.
        let tabs = harness.line(1)
        harness.press(.mouseClick(x: try column(of: "2 Executions", in: tabs) + 1, y: 1))
        #expect(harness.state.screen == .executions)
        harness.press(.mouseClick(x: try column(of: "1 Orders", in: tabs), y: 1))
        #expect(harness.state.screen == .orders)

        // A click on the fourth row selects it (rows start under the column headers, line 4).
        harness.press(.mouseClick(x: 5, y: 7))
        #expect(harness.state.orders.table.selected == 3)
        // Below the last row: nothing changes.
        harness.press(.mouseClick(x: 5, y: 39))
        #expect(harness.state.orders.table.selected == 3)
        // The wheel moves three rows at a time.
        harness.press(.mouseWheel(up: false))
        #expect(harness.state.orders.table.selected == 6)
        harness.press(.mouseWheel(up: true), .mouseWheel(up: true))
        #expect(harness.state.orders.table.selected == 0)

        // A double-click opens (as ⏎ would): the order's execution.
        let order = harness.state.orders.visible[2]
        harness.press(.mouseDoubleClick(x: 5, y: 6))
        #expect(harness.state.screen == .execution)
        #expect(harness.state.execution.arn == order.executionArn)
    }

    @Test func aClickOnTheChartPicksItsMinuteAndClosesTheHelp() async throws {
        let harness = DashboardHarness(width: 120, height: 40)
        await harness.settle()
        harness.press(.character("0"))
        await harness.waitFor { $0.state.overview.figures != nil }
        harness.press(.mouseClick(x: 10, y: 5))
        #expect(harness.state.overview.cursor == 10)
        harness.press(.character("?"))
        #expect(harness.state.showHelp)
        harness.press(.mouseClick(x: 30, y: 5))
        #expect(!harness.state.showHelp && harness.state.overview.cursor == 10)
    }
}

/// A copied value shows where it can be selected, unless the terminal is known to take OSC 52.
@Suite struct CopyPopupTests {
    @Test func theValueShowsInAPopupUntilTheNextKey() throws {
        var state = FixedData.state(screen: .executions, size: TerminalSize(width: 120, height: 30))
        let arn = try #require(state.executions.selected?.arn.rawValue)
        #expect(state.handle(.character("y")) == [.copy(arn)])
        var buffer = ScreenBuffer(width: 120, height: 30)
        DashboardView.render(state, into: &buffer)
        #expect(buffer.text.contains("copied — if your terminal ignored it, select it here; any key closes"))
        #expect(buffer.text.contains(arn))
        // Another key closes it and still does its work.
        _ = state.handle(.down)
        #expect(state.copyPopup == nil && state.executions.table.selected == 1)

        var confirmed = FixedData.state(screen: .executions, size: TerminalSize(width: 120, height: 30))
        confirmed.clipboardConfirmed = true
        _ = confirmed.handle(.character("y"))
        #expect(confirmed.copyPopup == nil)
        #expect(confirmed.visibleNote?.text.hasPrefix("copied ") == true)
    }
}
