import AWSClient
import AWSServices
import Foundation
import OrderDeckCore
import TestSupport
import Testing

@testable import OrderDeckUI

/// Issue 24's reentrancy defect: a refresh of orders that is suspended mid-read must not, when it
/// resumes, overwrite what a lookup or an older page added meanwhile. Each test holds the
/// changed-orders read at the fake source's gate, acts while it waits, then lets it finish.
@Suite struct LoadedOrdersOwnershipTests {
    /// 50 orders, both indexes, a window of 20: the 30 oldest are not loaded.
    func windowedHarness() async -> DashboardHarness {
        var data = DashboardHarness.standardData(orders: 50)
        data.hasChangedIndex = true
        data.hasRecentIndex = true
        let harness = DashboardHarness(width: 120, height: 24, data: data, orderWindow: 20)
        _ = await harness.waitFor { $0.state.orders.index.count == 20 && !$0.state.orders.loading }
        await harness.settle()
        return harness
    }

    /// Holds the next changed-orders read with one order changed, so that read, when it resumes,
    /// has something to merge (and post).
    func holdARefreshWithAChange(_ harness: DashboardHarness) async -> OrderID {
        harness.source.hold()
        let changed = harness.state.orders.index.orders[0].id
        let now = harness.clock.now()
        harness.source.update { data in
            guard let row = data.orders.firstIndex(where: { $0.id == changed }) else { return }
            var item = data.orders[row].attributes
            item["orderStatus"] = .s("CANCELLED")
            item["updatedAt"] = .s(ISO8601.format(now))
            data.orders[row] = Order(item: item)
        }
        harness.clock.advance(by: .seconds(30))
        await harness.source.waitUntilHeld(1)
        return changed
    }

    func oldest(_ harness: DashboardHarness) -> OrderID {
        let all = harness.source.withData { $0.orders }
        return Order.sorted(all, by: .created, descending: true).last!.id
    }

    @Test func anOrderLookedUpWhileARefreshWaitsStaysLoaded() async throws {
        let harness = await windowedHarness()
        let old = oldest(harness)
        #expect(!harness.state.orders.index.orders.contains { $0.id == old })
        let changed = await holdARefreshWithAChange(harness)

        harness.dashboard.refresher.send(.findOrder(old, userId: nil))
        #expect(await harness.waitFor { $0.state.orders.index.orders.contains { $0.id == old } })

        harness.source.release()
        #expect(
            await harness.waitFor {
                $0.state.orders.index.orders.first { $0.id == changed }?.status == "CANCELLED"
            })
        #expect(
            harness.state.orders.index.orders.contains { $0.id == old },
            "the refresh that resumed dropped the looked-up order")
        // And it stays through the next refresh.
        await harness.advance(by: .seconds(30))
        #expect(harness.state.orders.index.orders.contains { $0.id == old })
    }

    @Test func olderOrdersPagedInWhileARefreshWaitsStayLoaded() async throws {
        let harness = await windowedHarness()
        let changed = await holdARefreshWithAChange(harness)

        harness.dashboard.refresher.send(.loadOlderOrders)
        #expect(await harness.waitFor { $0.state.orders.index.count == 50 })

        harness.source.release()
        #expect(
            await harness.waitFor {
                $0.state.orders.index.orders.first { $0.id == changed }?.status == "CANCELLED"
            })
        #expect(harness.state.orders.index.count == 50, "the refresh that resumed dropped the paged-in orders")
    }
}
