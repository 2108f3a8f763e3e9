import OrderDeckCore
import OrderDeckUI
import TerminalUI
import TestSupport
import Testing

/// A dashboard opens on the Overview once there is history (afresh, or switched to another stack);
/// one reopened because its stack moved stays on the tab the operator had open (found by a new
/// operator: it jumped to the Overview on its first executions).
@Suite struct ReopenedDashboardTests {
    @Test func aFreshDashboardOpensOnTheOverviewOnItsFirstExecutions() async {
        let harness = DashboardHarness(width: 120, height: 30) { $0.overview.isStartScreen = true }
        #expect(await harness.waitFor { !$0.state.executions.visible.isEmpty })
        #expect(harness.state.screen == .overview)
    }

    @Test func aDashboardReopenedOnAMovedStackStaysOnItsTab() async {
        for tab in [Screen.logs, .executions, .orders] {
            let harness = DashboardHarness(width: 120, height: 30) { state in
                state.overview.isStartScreen = true
                state.resume(on: tab)
            }
            #expect(await harness.waitFor { !$0.state.executions.visible.isEmpty })
            await harness.settle()
            #expect(harness.state.screen == tab, "reopened on \(tab), now on \(harness.state.screen)")
        }
    }

    @Test func theTabIsWhatTheOperatorHadOpenBelowAnyDrillDown() async {
        let harness = DashboardHarness(width: 120, height: 30)
        #expect(await harness.waitFor { $0.state.executions.visible.count == 40 })
        harness.press(.character("2"), .enter)
        #expect(await harness.waitFor { $0.state.screen == .execution })
        #expect(harness.state.tab == .executions)
    }
}
