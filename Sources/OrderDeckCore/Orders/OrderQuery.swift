import Foundation

/// What a listing of orders asks for (`orders`' flags) and which read answers it: every order
/// streamed page by page in table order, the newest N through the recent-orders index, or a capped
/// read (a Scan, or a user's Query) sorted in memory. The front end words the notes.
public struct OrderQuery: Sendable, Equatable {
    public var status: String?
    public var user: String?
    /// At most this many (0: all).
    public var limit: Int
    /// An explicit sort; nil is "created, newest first".
    public var sort: Order.SortKey?
    public var ascending: Bool
    public var segments: Int

    public init(
        status: String? = nil, user: String? = nil, limit: Int = 100, sort: Order.SortKey? = nil,
        ascending: Bool = false, segments: Int = 1
    ) {
        self.status = status
        self.user = user
        self.limit = limit
        self.sort = sort
        self.ascending = ascending
        self.segments = max(1, segments)
    }

    public var filter: OrderStore.Filter { OrderStore.Filter(status: status, userId: user) }

    /// Every order with no explicit sort: streamed as the table hands them out, memory flat at any
    /// size (only a scan sees every item; the recent-orders index is sparse).
    public var streamsEverything: Bool { limit == 0 && sort == nil }

    /// "The newest N", real at any size only through the recent-orders index.
    public var wantsNewest: Bool { limit > 0 && user == nil && (sort ?? .created) == .created && !ascending }

    /// A capped (or explicitly sorted) read, sorted.
    public struct Answer: Sendable {
        public var orders: [Order]
        /// The cap was reached with more left in the table.
        public var moreAvailable: Bool
        /// The newest were wanted, but without the index these are the first the scan handed out.
        public var inScanOrder: Bool
    }

    /// The read that answers a query that does not stream everything.
    public func load(from store: OrderStore, now: Date) async throws -> Answer {
        if wantsNewest, let newest = try await store.newest(limit: limit, status: status, now: now) {
            return Answer(orders: sorted(newest.orders), moreAvailable: newest.moreAvailable, inScanOrder: false)
        }
        let loaded = try await store.load(filter: filter, cap: limit > 0 ? limit : nil, segments: segments)
        return Answer(
            orders: sorted(loaded.orders), moreAvailable: loaded.moreAvailable,
            inScanOrder: wantsNewest && loaded.moreAvailable)
    }

    func sorted(_ orders: [Order]) -> [Order] { Order.sorted(orders, by: sort ?? .created, descending: !ascending) }
}
