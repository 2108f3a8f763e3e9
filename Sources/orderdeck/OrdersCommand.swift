import AWSClient
import AWSServices
import ArgumentParser
import Foundation
import OrderDeckCore

/// `orderdeck orders`: the ORDER table, newest first.
struct OrdersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "orders", abstract: "List orders from the DynamoDB table.")

    @OptionGroup var stack: StackOptions

    @Option(help: "Only orders with this orderStatus (e.g. PENDING, COMPLETED, CANCELLED).")
    var status: String?

    @Option(help: "Only this user's orders (a Query instead of a Scan).")
    var user: String?

    @Option(help: "Stop after this many orders (0: all).")
    var limit: Int = 100

    @Option(help: "Sort by created, id, user, status or amount.")
    var sort: String = "created"

    @Flag(help: "Sort ascending (default: descending).")
    var ascending = false

    @Option(help: "Parallel scan segments for big tables.")
    var segments: Int = 1

    @Option(help: "table or json.")
    var output: OutputFormat = .table

    func run() async throws {
        try await reportingFailures {
            guard let sortKey = Order.SortKey(rawValue: sort) else {
                throw CLIFailure(
                    message: "--sort must be one of \(Order.SortKey.allCases.map(\.rawValue).joined(separator: ", "))",
                    code: .usage)
            }
            let status = try status.map { wanted in
                guard let known = Order.knownStatuses.first(where: { $0 == wanted.uppercased() }) else {
                    throw CLIFailure(
                        message:
                            "--status '\(wanted)' is not an order status (one of \(Order.knownStatuses.joined(separator: ", ")))",
                        code: .usage)
                }
                return known
            }
            let session = try await stack.session()
            let store = OrderStore(dynamoDB: session.dynamoDB, tableName: session.config.tableName)
            // "The newest N" is real at any size only through the recent-orders index; without
            // it a capped scan returns the first N the table hands out, and says so.
            let wantsNewest = limit > 0 && user == nil && sortKey == .created && !ascending
            let loaded: OrderStore.Loaded
            if wantsNewest, let newest = try await store.newest(limit: limit, status: status, now: Date()) {
                loaded = newest
            } else {
                loaded = try await store.load(
                    filter: .init(status: status, userId: user), cap: limit > 0 ? limit : nil,
                    segments: max(1, segments))
                if wantsNewest, loaded.moreAvailable {
                    FileHandle.standardError.write(
                        Data(
                            "(scan order, not newest: \(session.config.tableName) has no \(OrderTableSchema.recentIndex) index — README \"Newest first\")\n"
                                .utf8))
                }
            }
            let orders = Order.sorted(loaded.orders, by: sortKey, descending: !ascending)
            switch output {
            case .json:
                // Streamed order by order: a 50,000-order table never becomes one giant string.
                // The JSON convention of every listing: an array of records (README "JSON output").
                var out = StandardOutput()
                out.write("[")
                for (index, order) in orders.enumerated() {
                    if index > 0 { out.write(",") }
                    out.write(JSONOutput.order(order).description)
                }
                out.write("]\n")
                out.flush()
            case .table:
                var table = TextTable(
                    headers: ["ID", "USER", "STATUS", "AMOUNT", "CREATED", "AGE"], rightAligned: [3, 5])
                for order in orders {
                    table.add([
                        order.id, order.userId, order.status, Money.format(order.amount, currency: order.currency),
                        Age.iso(order.createdAt), Age.text(since: order.createdAt),
                    ])
                }
                print(table.render())
            }
            if loaded.moreAvailable {
                FileHandle.standardError.write(
                    Data("(first \(orders.count) orders; more available: --limit 0 for all)\n".utf8))
            }
        }
    }
}
