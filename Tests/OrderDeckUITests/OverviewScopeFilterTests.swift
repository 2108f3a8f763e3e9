import OrderDeckCore
import TerminalUI
import Testing

@testable import OrderDeckUI

/// Found by a new operator: ⏎ on the Overview's failed minute listed "no executions" because a
/// status filter set earlier on the Executions screen ("only TIMED_OUT") still applied. A jump
/// from an Overview figure is the whole answer: earlier filters are cleared.
@Suite struct OverviewScopeFilterTests {
    @Test func aScopeClearsTheFiltersThatWouldHideIt() {
        var state = FixedData.state(screen: .executions, size: TerminalSize(width: 120, height: 30))
        while state.executions.statusFilter != .timedOut { _ = state.handle(.character("f")) }
        state.executions.setFilter("zzz", visibleRows: 10)
        #expect(state.executions.visible.isEmpty)
        let failed = Set(state.executions.byMachine.values.flatMap { $0 }.filter { $0.status == .failed }.map(\.arn))
        #expect(!failed.isEmpty)
        state.executions.setScope(ListScope(title: "failed", ids: failed), visibleRows: 10)
        #expect(state.executions.statusFilter == nil && state.executions.filter.isEmpty)
        #expect(Set(state.executions.visible.map(\.arn)) == failed)
    }
}
