import Foundation
import OrderDeckCore
import TerminalUI
import TestSupport
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

/// Found by issue 28's benchmark: with the first row selected, new orders arriving above it
/// pushed the newest out of view. The first row stays the first row; any other selection stays on
/// its order.
@Suite struct OrdersFollowTheTopTests {
    @Test func onTheFirstRowNewOrdersArriveInView() {
        var state = FixedData.state(screen: .orders, size: TerminalSize(width: 120, height: 20))
        var orders = FixedData.orders(40)
        #expect(state.orders.table.selected == 0)
        // 30 newer orders arrive, a batch at a time.
        for batch in 0..<3 {
            let newer = FixedData.orders(10).enumerated().map { offset, order -> Order in
                var copy = order
                copy.id = "new-\(batch)-\(offset)"
                copy.createdAt = FixedData.now.addingTimeInterval(Double(100 + batch * 10 + offset))
                return copy
            }
            orders += newer
            state.apply(.orders(OrderIndex(orders), loading: false))
        }
        #expect(state.orders.table.selected == 0)
        #expect(state.orders.selectedOrder?.id == "new-2-9")
        // Elsewhere, the selection stays on its order.
        _ = state.handle(.character("j"))
        let kept = state.orders.selectedOrder?.id
        var more = FixedData.orders(1)[0]
        more.id = "new-3-0"
        more.createdAt = FixedData.now.addingTimeInterval(500)
        state.apply(.orders(OrderIndex(orders + [more]), loading: false))
        #expect(state.orders.selectedOrder?.id == kept && state.orders.table.selected == 2)
    }
}

/// Found by a trial at 40x12: the failure and the redrive line took every row of a failed
/// execution, leaving the table empty. On a short terminal the redrive line gives way.
@Suite struct ShortTerminalRedriveLineTests {
    @Test func aShortTerminalShowsTheFailingStateRatherThanTheRedriveLine() {
        let tall = FixedData.state(screen: .execution, size: TerminalSize(width: 40, height: 30))
        #expect(!ExecutionView.redriveLines(tall).isEmpty)
        let short = FixedData.state(screen: .execution, size: TerminalSize(width: 40, height: 12))
        #expect(ExecutionView.redriveLines(short).isEmpty)
        #expect(ExecutionView.tableRows(short) >= 1)
    }
}
