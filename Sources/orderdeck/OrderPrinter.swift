import Foundation
import OrderDeckCore

/// Prints orders batch by batch as they arrive — `--output json` as one array of records
/// (README "JSON output"), `table` as a `StreamedTable` — so a listing of any size holds only
/// the page in hand.
struct OrderPrinter {
    let format: OutputFormat
    let now: Date
    private var json = StreamedJSONArray()
    private var table = StreamedTable(
        headers: ["ID", "USER", "STATUS", "AMOUNT", "CREATED", "AGE"], rightAligned: [3, 5])
    private(set) var printed = 0

    init(format: OutputFormat, now: Date = Date()) {
        self.format = format
        self.now = now
    }

    mutating func add(_ orders: some Collection<Order>) {
        printed += orders.count
        switch format {
        case .json:
            for order in orders { json.add { out in order.writeJSON(into: &out) } }
        case .table:
            table.add(
                orders.map { order in
                    [
                        order.id, order.userId, order.status, Money.format(order.amount, currency: order.currency),
                        Age.iso(order.createdAt), Age.text(since: order.createdAt, now: now),
                    ]
                })
        }
    }

    mutating func finish() {
        switch format {
        case .json:
            json.finish()
        case .table:
            table.finish()
        }
    }
}
