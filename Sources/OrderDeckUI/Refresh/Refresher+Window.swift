import Foundation
import OrderDeckCore

extension Refresher {
    /// The index the Orders screen shows (built here, off the terminal thread), saying whether the
    /// window is cut.
    func index(_ snapshot: LoadedOrders.Snapshot) -> OrderIndex {
        OrderIndex(snapshot.orders, windowLimit: snapshot.windowLimit)
    }

    /// Pages in the orders just older than the oldest held; they stay while the window moves on.
    /// The caller set `loadingOlder`.
    func loadOlderOrders() async throws {
        defer { loadingOlder = false }
        switch try await orders.loadOlder() {
        case .nothingLeftOut:
            return
        case .noIndex:
            post(.notice("older orders are paged in through the RecentOrders index, which this table lacks"))
        case .noneOlder(let oldest):
            post(.notice("no orders older than \(Format.iso(oldest))"))
        case .loaded(let count, let shown):
            if let shown { post(.orders(index(shown), loading: false)) }
            post(.notice("\(count) older orders loaded"))
        }
    }
}
