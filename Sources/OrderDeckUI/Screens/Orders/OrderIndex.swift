import OrderDeckCore

/// Orders with everything the Orders screen needs to sort and filter them fast, built once per
/// data change by the refresher — off the terminal thread — so no key press ever sorts 100,000
/// orders: a sort key press picks a ready permutation.
public struct OrderIndex: Sendable {
    public let orders: [Order]
    /// Per order: its lower-cased search text (fields joined by \u{1}), each field its first
    /// `searchedCharacters` characters: a 100 KB field costs a filter what a short one does.
    let searchKeys: [String]
    /// How much of each field the `/` filter reads (the help says so).
    public static let searchedCharacters = 1024
    /// Per order: its status as a small number, and the names of those numbers.
    let statusCodes: [UInt16]
    let statusNames: [OrderStatus]

    /// How many orders have each status (a pass over 2-byte codes, not over the orders).
    public var statusCounts: [OrderStatus: Int] {
        var tally = [Int](repeating: 0, count: statusNames.count)
        for code in statusCodes { tally[Int(code)] += 1 }
        var counts: [OrderStatus: Int] = [:]
        for (code, count) in tally.enumerated() where count > 0 { counts[statusNames[code], default: 0] += count }
        return counts
    }

    /// The PENDING orders (what the Overview checks against ended executions), picked out with
    /// the index — off the terminal thread — so opening the Overview does not walk every order.
    public let pendingOrders: [Order]
    /// Row numbers in ascending order of each sort key (ties by id).
    let ascending: [Order.SortKey: [Int32]]
    private let rowById: [OrderID: Int32]

    /// Set when the refresher held only the newest this many orders (plus those paged in): the
    /// header says so, and scrolling past the end asks for older ones.
    public let windowLimit: Int?

    public init(_ orders: [Order], windowLimit: Int? = nil) {
        self.orders = orders
        self.windowLimit = windowLimit
        searchKeys = orders.map { order in
            [order.id.rawValue, order.userId, order.status.rawValue, order.customerEmail ?? "", order.amount ?? ""]
                .map { $0.utf8.count > Self.searchedCharacters ? String($0.prefix(Self.searchedCharacters)) : $0 }
                .joined(separator: "\u{1}").lowercased()
        }
        var codes: [OrderStatus: UInt16] = [:]
        var names: [OrderStatus] = []
        statusCodes = orders.map { order in
            if let code = codes[order.status] { return code }
            let code = UInt16(truncatingIfNeeded: names.count)
            codes[order.status] = code
            names.append(order.status)
            return code
        }
        statusNames = names
        pendingOrders = orders.filter { $0.status == .pending }
        var sorted: [Order.SortKey: [Int32]] = [:]
        for key in Order.SortKey.allCases {
            sorted[key] = Order.sortedIndices(orders, by: key, descending: false).map { Int32(truncatingIfNeeded: $0) }
        }
        ascending = sorted
        rowById = Dictionary(orders.enumerated().map { ($1.id, Int32($0)) }, uniquingKeysWith: { first, _ in first })
    }

    public static let empty = OrderIndex([])

    public var count: Int { orders.count }

    func rows(sortedBy key: Order.SortKey, descending: Bool) -> [Int32] {
        let rows = ascending[key] ?? []
        return descending ? rows.reversed() : rows
    }

    func row(of id: OrderID) -> Int32? { rowById[id] }

}
