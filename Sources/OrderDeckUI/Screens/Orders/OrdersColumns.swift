import Foundation
import OrderDeckCore
import TerminalUI

/// The Orders table's columns: sized by content, the id never wider than a UUID.
enum OrdersColumns {
    static let all: [TableView.Column] = [
        .init("ORDER", minWidth: 14, maxWidth: 40, priority: 10),
        .init("USER", minWidth: 6, maxWidth: 24, priority: 6),
        .init("STATUS", minWidth: 6, maxWidth: 12, priority: 9),
        // DynamoDB keeps 38 significant digits: with sign, point, zeros and currency, 48 cells.
        amountColumn,
        .init("CREATED", width: 19, priority: 2),
        .init("AGE", width: 4, alignment: .right, priority: 4),
        .init("EXECUTION", minWidth: 9, maxWidth: 10, priority: 7),
    ]

    static var amountColumn: TableView.Column {
        var column = TableView.Column("AMOUNT", alignment: .right, minWidth: 8, maxWidth: 48, priority: 8)
        column.keepsLastWord = true
        column.keepsWhole = true
        return column
    }

    static func index(of key: Order.SortKey) -> Int? {
        switch key {
        case .id: return 0
        case .user: return 1
        case .status: return 2
        case .amount: return 3
        case .created: return 4
        }
    }

    static func row(_ order: Order, executionStatus: ExecutionStatus?, now: Date) -> [String] {
        [
            order.id.rawValue, order.userId, order.status.rawValue,
            Money.format(order.amount, currency: order.currency),
            Format.time(order.createdAt), Format.age(order.createdAt, now: now), executionStatus?.rawValue ?? "",
        ]
    }
}
