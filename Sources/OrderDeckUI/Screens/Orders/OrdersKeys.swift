import OrderDeckCore
import TerminalUI

enum OrdersAction: Sendable {
    case open, logs, inspect, filter, statusFilter, sortNext, sortReverse, copy
}

enum OrdersKeys {
    static let table = KeyTable<OrdersAction>([
        .init([.enter, .right], "open the order's execution", hint: "execution", .open),
        .init([.character("l")], "the execution's log lines", hint: "logs", .logs),
        .init([.character("i")], "inspect the whole item (foldable JSON)", hint: "inspect", .inspect),
        .init(
            [.character("/")], "filter (text or regex, over each field's first 1,024 characters)", hint: "filter",
            .filter),
        .init([.character("f")], "status filter (all, then each status present)", hint: "status", .statusFilter),
        .init([.character("s")], "sort by the next column", hint: "sort", .sortNext),
        .init([.character("S")], "reverse the sort", .sortReverse),
        .init([.character("y")], "copy the order id", hint: "copy", .copy),
    ])
}

extension DashboardState {
    mutating func handleOrders(_ key: Key) -> [Effect] {
        let rows = layout.listRows
        if orders.table.handleMovement(key, visibleRows: rows) {
            guard orders.wantsOlder else { return [] }
            orders.olderRequested = true
            say("loading older orders…")
            return [.loadOlderOrders]
        }
        guard let action = OrdersKeys.table.action(for: key) else { return [] }
        let order = orders.selectedOrder
        switch action {
        case .open:
            guard let order else { return [] }
            guard let arn = executionARN(for: order) else {
                say("no execution found for order \(order.id) yet", isError: true)
                return []
            }
            return openExecution(arn)
        case .logs:
            guard let order, let arn = executionARN(for: order) else { return [] }
            openLogs(for: arn)
        case .inspect:
            guard let order else { return [] }
            inspector = JSONInspector(title: "order \(order.id)", value: order.inspectedJSON)
        case .filter:
            prompt = Prompt(.filter(.orders), text: orders.filter)
        case .statusFilter:
            orders.nextStatusFilter(visibleRows: rows)
        case .sortNext:
            let keys = Order.SortKey.allCases
            let next = keys[((keys.firstIndex(of: orders.sort) ?? 0) + 1) % keys.count]
            orders.setSort(next, descending: orders.descending, visibleRows: rows)
        case .sortReverse:
            orders.setSort(orders.sort, descending: !orders.descending, visibleRows: rows)
        case .copy:
            guard let order else { return [] }
            return copy(order.id.rawValue)
        }
        return []
    }
}
