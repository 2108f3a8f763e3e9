import Foundation
import OrderDeckCore

extension ListingPrinter where Record == Order {
    /// `orders`: the record `Order.writeJSON` writes; a row of id, user, status, amount, created, age.
    static func orders(format: OutputFormat, now: Date = Date()) -> Self {
        Self(
            format: format, headers: ["ID", "USER", "STATUS", "AMOUNT", "CREATED", "AGE"], rightAligned: [3, 5],
            writeJSON: { order, out in order.writeJSON(into: &out) },
            row: { order in
                [
                    order.id.rawValue, order.userId, order.status.rawValue,
                    Money.format(order.amount, currency: order.currency),
                    Age.iso(order.createdAt), Age.text(since: order.createdAt, now: now),
                ]
            })
    }
}
