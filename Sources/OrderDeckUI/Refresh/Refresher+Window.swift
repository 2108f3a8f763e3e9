import Foundation
import OrderDeckCore

extension Refresher {
    /// How many older orders one scroll past the end pages in.
    static let olderPage = 1000

    /// The orders held: the newest `orderWindow` by creation time, plus those paged in or looked
    /// up on purpose. Marks the window as cut when it left any out.
    func windowed(_ orders: [Order]) -> [Order] {
        guard orders.count > orderWindow + pinned.count else { return orders }
        windowed = true
        var kept = orders.filter { pinned.contains($0.id) }
        let newest = Order.sortedIndices(orders, by: .created, descending: true)
        for row in newest where kept.count < orderWindow + pinned.count && !pinned.contains(orders[row].id) {
            kept.append(orders[row])
        }
        return kept
    }

    /// The index the Orders screen shows, saying whether the window is cut.
    func index(_ orders: [Order]) -> OrderIndex { OrderIndex(orders, windowLimit: windowed ? orderWindow : nil) }

    /// Pages in the orders just older than the oldest held (through the recent-orders index);
    /// they stay (pinned) while the window moves on. The caller set `loadingOlder`.
    func loadOlderOrders() async throws {
        defer { loadingOlder = false }
        guard windowed, let loaded = lastOrders else { return }
        let oldest = loaded.compactMap(\.createdAt).min() ?? clock.now()
        guard let older = try await source.olderOrders(before: oldest, limit: Self.olderPage) else {
            post(.notice("older orders are paged in through the RecentOrders index, which this table lacks"))
            return
        }
        guard !older.isEmpty else {
            post(.notice("no orders older than \(Format.iso(oldest))"))
            return
        }
        pinned.formUnion(older.map(\.id))
        _ = merge(older, into: lastOrders ?? loaded)
        post(.notice("\(older.count) older orders loaded"))
    }
}
