import Foundation
import OrderDeckCore
import TerminalUI
import TestSupport
import Testing

@testable import OrderDeckUI

/// The Diff screen (issue 29): space marks an execution on the Executions screen, `D` on another
/// reads both histories through the source and shows them side by side, the summary first.
@Suite struct DiffScreenTests {
    /// The standard data; the second execution listed ran the completed Express history.
    static func data() -> (FakeDashboardSource.Data, [Execution]) {
        var data = DashboardHarness.standardData()
        let listed = data.executions["OrderWorkflow"]!.sorted {
            ($0.startDate ?? .distantPast) > ($1.startDate ?? .distantPast)
        }
        let (a, b) = FixedData.diffPair(listed[1], listed[0])
        data.details[listed[1].arn] = a
        data.details[listed[0].arn] = b
        return (data, listed)
    }

    @Test func markThenDShowsTheSummaryAndWhereThePathsPart() async throws {
        let (data, _) = Self.data()
        let harness = DashboardHarness(width: 120, height: 30, data: data)
        await harness.settle()
        harness.press(.character("2"))
        let first = try #require(harness.state.executions.selected)
        // D before anything is marked: said, nothing opened.
        harness.press(.character("D"))
        #expect(harness.state.screen == .executions)
        #expect(harness.state.visibleNote?.text.contains("mark an execution first") == true)

        harness.press(.character(" "))
        #expect(harness.state.diff.marked?.arn == first.arn)
        harness.pump()
        #expect(harness.screen.contains("* \(first.name)"), "\(harness.screen)")
        #expect(!harness.state.hints.contains("D diff"))
        harness.press(.down)
        let second = try #require(harness.state.executions.selected)
        #expect(harness.state.hints.contains("D diff"))

        harness.press(.character("D"))
        #expect(harness.state.screen == .diff)
        await harness.waitFor { $0.state.diff.diff != nil }
        harness.pump()
        let diff = try #require(harness.state.diff.diff)
        #expect(!diff.isSame)
        #expect(harness.line(3).hasPrefix(diff.summary), "\(harness.screen)")
        #expect(harness.screen.contains("A: \(first.name)") && harness.screen.contains("B: \(second.name)"))
        #expect(harness.screen.contains("»"), "\(harness.screen)")

        // s: strict; back: the list, the mark kept for the next comparison.
        harness.press(.character("s"))
        #expect(harness.state.diff.strict)
        harness.press(.escape)
        #expect(harness.state.screen == .executions)
        #expect(harness.state.diff.marked?.arn == first.arn)
        // Space on the marked one unmarks it.
        harness.press(.up, .character(" "))
        #expect(harness.state.diff.marked == nil)
    }

    @Test func theSameHistoryTwiceIsTheSame() async throws {
        let harness = DashboardHarness(width: 100, height: 24)
        await harness.settle()
        harness.press(.character("2"), .character(" "), .down, .character("D"))
        await harness.waitFor { $0.state.diff.diff != nil }
        harness.pump()
        #expect(harness.state.diff.diff?.isSame == true)
        #expect(harness.screen.contains("same path and outputs"), "\(harness.screen)")
    }

    /// A replay (or anything holding two timelines) opens the screen on them without a read.
    @Test func twoTimelinesAlreadyReadOpenAtOnce() throws {
        var state = FixedData.state(screen: .executions)
        let listed = state.executions.visible
        let (a, b) = FixedData.diffPair(listed[0], listed[1])
        state.openDiff(Timeline(events: a.1), Timeline(events: b.1), labels: ("original", "replay"))
        #expect(state.screen == .diff && state.diff.diff != nil && !state.diff.isLoading)
        var buffer = ScreenBuffer(width: 100, height: 24)
        DashboardView.render(state, into: &buffer)
        #expect(buffer.text.contains("A: original"))
        // Scrolling stops at the last line.
        _ = state.handle(.end)
        let last = state.diff.scroll
        _ = state.handle(.down)
        #expect(state.diff.scroll == last)
        _ = state.handle(.home)
        #expect(state.diff.scroll == 0)
    }
}
