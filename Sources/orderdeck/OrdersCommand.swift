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

    @Option(parsing: .unconditional, help: "Stop after this many orders (0: all).")
    var limit: Int = 100

    @Option(
        help: ArgumentHelp(
            "Sort by created, id, user, status or amount (default: created, newest first). An explicit sort of every order (--limit 0) holds them all in memory; without one they stream page by page.",
            valueName: "column"))
    var sort: String?

    @Flag(help: "Sort ascending (default: descending).")
    var ascending = false

    @Option(help: "Parallel scan segments for big tables.")
    var segments: Int = 1

    @Option(help: "table or json.")
    var output: OutputFormat = .table

    func validate() throws {
        if limit < 0 { throw ValidationError("--limit must be ≥ 0 (0: all orders; got \(limit))") }
    }

    func run() async throws {
        try await reportingFailures {
            let explicitSort = try sort.map { name in
                guard let key = Order.SortKey(rawValue: name) else {
                    throw CLIFailure(
                        message:
                            "--sort must be one of \(Order.SortKey.allCases.map(\.rawValue).joined(separator: ", "))",
                        code: .usage)
                }
                return key
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
            var printer = ListingPrinter.orders(format: output)
            if limit == 0 && explicitSort == nil {
                let note = try await streamAll(store, status: status, table: session.config.tableName, into: &printer)
                printer.finish()
                // After the listing: a reader that stopped early (`| head`) sees nothing on stderr.
                if let note { Self.note(note) }
                return
            }
            let sortKey = explicitSort ?? .created
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
                    Self.note(
                        "(scan order, not newest: \(session.config.tableName) has no \(OrderTableSchema.recentIndex) index — README \"Newest first\")"
                    )
                }
            }
            printer.add(Order.sorted(loaded.orders, by: sortKey, descending: !ascending))
            printer.finish()
            if loaded.moreAvailable {
                Self.note("(first \(counted(printer.printed, "order")); more available: --limit 0 for all)")
            }
        }
    }

    /// Every order, printed page by page as it arrives (memory stays flat at any table size), in
    /// the order the Scan (or a user's Query) hands them out: only a scan sees every item (the
    /// recent-orders index is sparse). Returns the note that says so.
    func streamAll(_ store: OrderStore, status: String?, table: String, into printer: inout ListingPrinter<Order>)
        async throws -> String?
    {
        let filter = OrderStore.Filter(status: status, userId: user)
        if printer.format == .json {
            // Items written straight from the answer's text: no dictionary per order.
            try await store.forEachRawPage(filter: filter, segments: max(1, segments)) { page in
                try printer.addJSON(count: page.count) { index, out in
                    try Order.writeJSON(item: index, of: page, into: &out)
                }
                return true
            }
        } else {
            try await store.forEachPage(filter: filter, segments: max(1, segments)) { page in
                printer.add(page)
                return true
            }
        }
        return user == nil ? "(every order of \(table), in table order; --sort created sorts them in memory)" : nil
    }

    static func note(_ text: String) { StandardError.line(text) }
}
