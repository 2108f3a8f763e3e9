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
            var printer = OrderPrinter(format: output)
            if limit == 0 && explicitSort == nil {
                try await streamAll(store, status: status, table: session.config.tableName, into: &printer)
                printer.finish()
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
                Self.note("(first \(printer.printed) orders; more available: --limit 0 for all)")
            }
        }
    }

    /// Every order, printed page by page as it arrives (memory stays flat at any table size):
    /// newest first through the recent-orders index when the table has it and no user is named,
    /// else in the order the Scan or Query hands them out — said on standard error.
    func streamAll(_ store: OrderStore, status: String?, table: String, into printer: inout OrderPrinter)
        async throws
    {
        if user == nil {
            let indexed = try await store.forEachNewestPage(status: status, now: Date(), pageSize: 1000) { page in
                printer.add(page)
                return true
            }
            if indexed { return }
            Self.note(
                "(table order: \(table) has no \(OrderTableSchema.recentIndex) index — README \"Newest first\"; --sort created sorts in memory)"
            )
        }
        try await store.forEachPage(filter: .init(status: status, userId: user), segments: max(1, segments)) { page in
            printer.add(page)
            return true
        }
    }

    static func note(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }
}
