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
    var status: OrderStatusArgument?

    @Option(help: "Only this user's orders (a Query instead of a Scan).")
    var user: String?

    @Option(parsing: .unconditional, help: "Stop after this many orders (0: all).")
    var limit: Int = 100

    @Option(
        help: ArgumentHelp(
            "Sort by created, id, user, status or amount (default: created, newest first). An explicit sort of every order (--limit 0) holds them all in memory; without one they stream page by page.",
            valueName: "column"))
    var sort: OrderSortArgument?

    @Flag(help: "Sort ascending (default: descending).")
    var ascending = false

    @Option(help: "Parallel scan segments for big tables.")
    var segments: Int = 1

    @Option(help: "table or json.")
    var output: OutputFormat = .table

    func validate() throws {
        if limit < 0 { throw ValidationError("--limit must be ≥ 0 (0: all orders; got \(limit))") }
        try check(sort, status)
    }

    var query: OrderQuery {
        OrderQuery(
            status: status?.value, user: user, limit: limit, sort: sort?.value, ascending: ascending,
            segments: segments)
    }

    func run() async throws {
        try await reportingFailures {
            let query = query
            let session = try await stack.session()
            let table = session.config.tableName
            let store = OrderStore(dynamoDB: session.dynamoDB, tableName: table)
            var printer = ListingPrinter.orders(format: output)
            if query.streamsEverything {
                try await streamAll(store, query: query, into: &printer)
                printer.finish()
                // After the listing: a reader that stopped early (`| head`) sees nothing on stderr.
                if query.user == nil {
                    Self.note("(every order of \(table), in table order; --sort created sorts them in memory)")
                }
                return
            }
            let answer = try await query.load(from: store, now: Date())
            if answer.inScanOrder {
                Self.note(
                    "(scan order, not newest: \(table) has no \(OrderTableSchema.recentIndex) index — README \"Newest first\")"
                )
            }
            printer.add(answer.orders)
            printer.finish()
            if answer.moreAvailable {
                Self.note("(first \(counted(printer.printed, "order")); more available: --limit 0 for all)")
            }
        }
    }

    /// Every order, printed page by page as it arrives (memory stays flat at any table size), in
    /// the order the Scan (or a user's Query) hands them out.
    func streamAll(_ store: OrderStore, query: OrderQuery, into printer: inout ListingPrinter<Order>) async throws {
        if printer.format == .json {
            // Items written straight from the answer's text: no dictionary per order.
            try await store.forEachRawPage(filter: query.filter, segments: query.segments) { page in
                try printer.addJSON(count: page.count) { index, out in
                    try Order.writeJSON(item: index, of: page, into: &out)
                }
                return true
            }
        } else {
            try await store.forEachPage(filter: query.filter, segments: query.segments) { page in
                printer.add(page)
                return true
            }
        }
    }

    static func note(_ text: String) { StandardError.line(text) }
}
