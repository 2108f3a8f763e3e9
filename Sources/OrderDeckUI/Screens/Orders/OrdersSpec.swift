import OrderDeckCore
import TerminalUI

extension Screen {
    public static let orders = Screen(rawValue: "orders")
}

extension ScreenSpec {
    /// The first screen: every other one goes back to it, and `q` there quits.
    static let orders = ScreenSpec(
        .orders, title: "Orders", place: .tab(number: 1, help: "orders"),
        keys: ScreenKeyTable(OrdersKeys.table, list: true), handle: { $0.handleOrders($1) },
        render: { OrdersView.render($0, into: &$1, y: $2, height: $3) }, export: { $0.ordersExport },
        click: { state, _, y in
            let (firstRow, rows) = (state.layout.bodyTop + 2, state.layout.listRows)
            return DashboardState.selectRow(in: &state.orders.table, y: y, firstRow: firstRow, rows: rows)
        },
        filter: { state, text in state.orders.setFilter(text, visibleRows: state.layout.listRows) },
        leave: { state in
            // A list narrowed by a jump from the Overview shows everything again when left.
            if state.orders.scope != nil { state.orders.setScope(nil, visibleRows: state.layout.listRows) }
            return []
        })
}
