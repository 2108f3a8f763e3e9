import Foundation

/// The one owner of the orders a live view holds, and of how they are read: the first load (the
/// newest `window` through the recent-orders index, else a scan trimmed as it goes), then refreshes
/// that read only what changed (the changed-orders index), the last two days (the recent-orders
/// index) or, every `fullReadEvery`-th time without the first, the whole table; lookups by key and
/// older pages join and stay (pinned) while the window moves on.
///
/// Every read's answer is applied to the orders held *when it arrives*, never to a copy taken
/// before the read's `await`: a lookup or an older page that lands while a refresh waits on the
/// network is still there after that refresh (issue 24 found a refresh that merged into its copy
/// and dropped them).
public actor LoadedOrders {
    /// What a view shows: the orders held and, when the window left older ones out, its size.
    public struct Snapshot: Sendable, Equatable {
        public var orders: [Order]
        public var windowLimit: Int?
    }

    /// What paging in older orders did.
    public enum OlderPage: Sendable, Equatable {
        /// These many joined; the snapshot to show when that changed what is held.
        case loaded(Int, Snapshot?)
        /// The index holds nothing older than this (the oldest held).
        case noneOlder(than: Date)
        /// The table has no recent-orders index to page through.
        case noIndex
        /// Nothing was left out of the window, or nothing is loaded yet.
        case nothingLeftOut
    }

    /// Every `fullReadEvery`-th refresh reads the whole table when there is no changed-orders index.
    public static let fullReadEvery = 20
    /// Read back this far before the previous read: an index is updated a moment after its table,
    /// and a change written during the previous read must not be missed. Once quiet for longer
    /// than this, a refresh reads no order at all.
    public static let changedOverlap: TimeInterval = 10
    /// How many older orders one page brings in.
    public static let olderPage = 1000

    let source: any DashboardSource
    let now: @Sendable () -> Date
    /// The newest this many orders are held (memory flat at any table size).
    public let window: Int
    private var orders: [Order]?
    /// Orders brought in on purpose (a lookup, an older page): kept whatever the window does.
    private var pinned: Set<OrderID> = []
    /// Some orders were left out of the window (the view says so).
    private var cut = false
    private var refreshes = 0
    /// When the previous read began: the next asks the changed-orders index for what changed since.
    private var readAt: Date?

    public init(source: any DashboardSource, window: Int, now: @escaping @Sendable () -> Date) {
        self.source = source
        self.window = window
        self.now = now
    }

    /// One refresh. Returns the snapshot when the orders held changed (always on the first load),
    /// nil when nothing did; `progress` sees a first scan's pages as they arrive.
    public func refresh(progress: @Sendable (Snapshot) -> Void = { _ in }) async throws -> Snapshot? {
        let started = now()
        if orders != nil, let since = readAt,
            let changed = try await source.changedOrders(since: since.addingTimeInterval(-Self.changedOverlap))
        {
            refreshes += 1
            readAt = started
            return join(changed)
        }
        if orders != nil, refreshes % Self.fullReadEvery != 0, let recent = try await source.recentOrders(days: 2) {
            refreshes += 1
            return join(recent)
        }
        refreshes += 1
        readAt = started
        let firstLoad = orders == nil
        let pinnedBefore = pinned
        // The first load reads the window alone where the recent-orders index allows: the newest
        // orders, whatever the table's size (a day ahead: clocks differ).
        if firstLoad,
            let newest = try await source.olderOrders(before: started.addingTimeInterval(86_400), limit: window + 1)
        {
            cut = newest.count > window
            return replace(with: Array(newest.prefix(window)), pinnedBefore: pinnedBefore, alwaysShow: true)
        }
        var loaded: [Order] = []
        var trimmed = false
        for try await page in source.orderPages() {
            loaded += page
            // Trimmed as pages arrive: a big table's first read never holds more than twice the window.
            if loaded.count > 2 * window + pinned.count {
                loaded = windowed(loaded)
                trimmed = true
            }
            if firstLoad { progress(Snapshot(orders: loaded, windowLimit: trimmed ? window : nil)) }
        }
        let kept = windowed(loaded)
        cut = trimmed || kept.count < loaded.count
        return replace(with: kept, pinnedBefore: pinnedBefore, alwaysShow: firstLoad)
    }

    /// Reads one order by key; a found order that is not held joins (and stays). Returns the order
    /// and, when it joined, the snapshot to show.
    public func lookUp(_ id: OrderID, userId: String?) async throws -> (order: Order?, joined: Snapshot?) {
        let order = try await source.order(id, userId: userId)
        guard let order, let held = orders, !held.contains(where: { $0.id == order.id }) else { return (order, nil) }
        pinned.insert(order.id)
        orders = held + [order]
        return (order, snapshot(orders ?? []))
    }

    /// Pages in the orders just older than the oldest held (through the recent-orders index).
    public func loadOlder() async throws -> OlderPage {
        guard cut, let held = orders else { return .nothingLeftOut }
        let oldest = held.compactMap(\.createdAt).min() ?? now()
        guard let older = try await source.olderOrders(before: oldest, limit: Self.olderPage) else { return .noIndex }
        guard !older.isEmpty else { return .noneOlder(than: oldest) }
        pinned.formUnion(older.map(\.id))
        return .loaded(older.count, join(older))
    }

    /// One order read again by key because something said it changed (a log record of its
    /// execution): it joins, or replaces the copy held. The user is the one given, else the held
    /// copy's; with neither nothing is read (a read by id alone scans) and `known` is false.
    /// The snapshot when what is held changed.
    public func reread(_ id: OrderID, userId: String?) async throws -> (snapshot: Snapshot?, known: Bool) {
        guard let user = userId ?? orders?.first(where: { $0.id == id })?.userId else { return (nil, false) }
        guard let order = try await source.order(id, userId: user) else { return (nil, true) }
        // Applied to what is held now, after the read (never to a copy from before it).
        guard orders != nil else { return (nil, true) }
        return (join([order]), true)
    }

    /// Orders as the table's stream carried them (each whole, as written): they join, or replace
    /// the copy held, with no read. Before the first load nothing is held to join (that load
    /// reads them). The snapshot when what is held changed.
    public func apply(_ written: [Order]) -> Snapshot? {
        guard orders != nil, !written.isEmpty else { return nil }
        return join(written)
    }

    // MARK: Applying an answer to the orders held now

    /// Orders read again or anew join those held now (replacing the same id). The snapshot when
    /// that changed anything.
    private func join(_ fresh: [Order]) -> Snapshot? {
        let held = orders ?? []
        var merged = held
        var position = Dictionary(held.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        for order in fresh {
            if let index = position[order.id] {
                // A read that began before a write the stream already brought is not newer.
                if let held = merged[index].updatedAt, let read = order.updatedAt, held > read { continue }
                merged[index] = order
            } else {
                position[order.id] = merged.count
                merged.append(order)
            }
        }
        let kept = windowed(merged)
        if kept.count < merged.count { cut = true }
        guard kept != held else { return nil }
        orders = kept
        return snapshot(kept)
    }

    /// A whole read replaces the orders held — except those pinned while it was under way (a
    /// lookup or an older page that landed during its `await`), which its answer could not know.
    private func replace(with read: [Order], pinnedBefore: Set<OrderID>, alwaysShow: Bool) -> Snapshot? {
        let readIds = Set(read.map(\.id))
        let joinedMeanwhile = (orders ?? []).filter {
            pinned.contains($0.id) && !pinnedBefore.contains($0.id) && !readIds.contains($0.id)
        }
        let next = read + joinedMeanwhile
        let changed = next != orders
        orders = next
        return changed || alwaysShow ? snapshot(next) : nil
    }

    /// The newest `window` by creation time, plus every pinned order.
    private func windowed(_ all: [Order]) -> [Order] {
        guard all.count > window + pinned.count else { return all }
        var kept = all.filter { pinned.contains($0.id) }
        let newest = Order.sortedIndices(all, by: .created, descending: true)
        for row in newest where kept.count < window + pinned.count && !pinned.contains(all[row].id) {
            kept.append(all[row])
        }
        return kept
    }

    private func snapshot(_ orders: [Order]) -> Snapshot {
        Snapshot(orders: orders, windowLimit: cut ? window : nil)
    }
}
