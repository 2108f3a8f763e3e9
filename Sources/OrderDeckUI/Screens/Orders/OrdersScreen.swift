import OrderDeckCore
import TerminalUI

/// The Orders screen's state: the index, the sort, the filter and what they leave visible.
public struct OrdersScreen: Sendable {
    public private(set) var index = OrderIndex.empty
    public var loading = true
    /// How changes reach the list: the table's stream, or timed reads and why (the header says).
    public var feed: OrderFeedMode?
    public var table = TableView(columns: OrdersColumns.all)
    public private(set) var sort: Order.SortKey = .created
    public private(set) var descending = true
    public private(set) var filter = "" {
        didSet { if filter != oldValue { matcher = TextMatcher(filter) } }
    }
    /// The filter's matcher, made once per change of filter (a pasted 5,000-character expression
    /// is compiled once, not once per frame for the highlighting).
    public private(set) var matcher: TextMatcher?
    /// Only orders of this status (`f` cycles through the statuses present).
    public private(set) var statusFilter: OrderStatus?
    /// Row numbers into `index.orders`: sorting and filtering move 4-byte indices, never orders.
    private var rows: [Int32] = []
    private var sortedRows: [Int32] = []
    /// Filters typed so far (text → rows): deleting a character goes back to an earlier result.
    private var filterResults: [String: [Int32]] = [:]
    public private(set) var statusCounts: [OrderStatus: Int] = [:]
    /// Only these orders (a jump from an Overview figure), with what they are; esc clears it.
    public private(set) var scope: ListScope<OrderID>?
    /// A regular-expression filter being worked out off the terminal thread (the rows shown are
    /// the previous result until it lands); taken by the dashboard, which runs it.
    public private(set) var filtering: OrderFilterJob?
    var filterJobToRun: OrderFilterJob?
    private var filterGeneration = 0
    /// Rows above which a regular expression is matched off the terminal thread.
    static let inlineRegexRows = 200

    public init() {}

    public var visible: OrderRows { OrderRows(base: index.orders, rows: rows) }
    /// Older orders than the window holds were asked for (once per data change).
    var olderRequested = false

    /// Whether the selection sits on the last row of a cut window with nothing narrowing the
    /// list: then the next older orders are paged in.
    var wantsOlder: Bool {
        index.windowLimit != nil && !olderRequested && filter.isEmpty && statusFilter == nil && scope == nil
            && !rows.isEmpty && table.selected == rows.count - 1 && sort == .created && descending
    }

    public var selectedOrder: Order? {
        rows.indices.contains(table.selected) ? index.orders[Int(rows[table.selected])] : nil
    }

    /// New data: keeps the selected order selected — except on the first row, which stays the
    /// first row (as `top` and k9s follow the top): an operator watching the newest orders sees
    /// each new one arrive there, not pushed out of view by the ones above (found measuring
    /// issue 28's benchmark: after 40 new orders the newest were off screen).
    mutating func replace(_ newIndex: OrderIndex, loading: Bool, visibleRows: Int) {
        let selected = table.selected == 0 ? nil : selectedOrder.map(\.id)
        index = newIndex
        olderRequested = false
        self.loading = loading
        resort(keeping: selected, visibleRows: visibleRows)
    }

    mutating func setSort(_ key: Order.SortKey, descending: Bool, visibleRows: Int) {
        sort = key
        self.descending = descending
        resort(keeping: selectedOrder.map(\.id), visibleRows: visibleRows)
    }

    /// The next status of those present (none, then each in name order).
    mutating func nextStatusFilter(visibleRows: Int) {
        let cycle: [OrderStatus?] = [nil] + index.statusNames.sorted().map { $0 }
        statusFilter = cycle[((cycle.firstIndex(of: statusFilter) ?? 0) + 1) % cycle.count]
        filterResults = [:]
        refilter(keeping: selectedOrder.map(\.id), visibleRows: visibleRows)
    }

    /// A scope (a jump from an Overview figure) is the whole answer: an old filter would hide it.
    mutating func setScope(_ newScope: ListScope<OrderID>?, visibleRows: Int) {
        scope = newScope
        if newScope != nil {
            filter = ""
            statusFilter = nil
        }
        filterResults = [:]
        refilter(keeping: nil, visibleRows: visibleRows)
        table.moveTo(0, visibleRows: visibleRows)
    }

    mutating func setFilter(_ text: String, visibleRows: Int) {
        filter = text
        refilter(keeping: nil, visibleRows: visibleRows)
    }

    /// Selects the order, clearing a filter that hides it; false when it is not loaded.
    mutating func select(_ id: OrderID, visibleRows: Int) -> Bool {
        guard let row = index.row(of: id) else { return false }
        if !rows.contains(row) {
            filter = ""
            refilter(keeping: nil, visibleRows: visibleRows)
        }
        guard let position = rows.firstIndex(of: row) else { return false }
        table.moveTo(position, visibleRows: visibleRows)
        return true
    }

    private mutating func resort(keeping selected: OrderID?, visibleRows: Int) {
        sortedRows = index.rows(sortedBy: sort, descending: descending)
        filterResults = [:]
        table.sortColumn = OrdersColumns.index(of: sort)
        table.sortDescending = descending
        refilter(keeping: selected, visibleRows: visibleRows)
    }

    /// Applies the filter; while the operator types more of a plain-text filter, only the rows
    /// that matched the shorter text are searched again.
    private mutating func refilter(keeping selected: OrderID?, visibleRows: Int) {
        if let cached = filterResults[filter] {
            rows = cached
        } else if let matcher, matcher.literal == nil, sortedRows.count > Self.inlineRegexRows {
            // Keep what is shown until the expression's rows arrive (`filtered`).
            filterGeneration += 1
            let job = OrderFilterJob(generation: filterGeneration, filter: filter, index: index, source: sortedRows)
            filtering = job
            filterJobToRun = job
            selectedWhenFiltered = selected
            return
        } else if let matcher {
            filtering = nil
            let shorter = String(filter.dropLast())
            let source = matcher.literal != nil ? (filterResults[shorter] ?? sortedRows) : sortedRows
            var found: [Int32] = []
            index.searchKeys.withUnsafeBufferPointer { keys in
                if matcher.literal != nil && source.count > keys.count / 4 {
                    // Most rows to test: read the keys in memory order (a sorted order jumps all
                    // over 100,000 strings), then keep the sort by walking the rows once.
                    var hit = [Bool](repeating: false, count: keys.count)
                    for row in 0..<keys.count where matcher.matches(lowercased: keys[row]) { hit[row] = true }
                    found.reserveCapacity(source.count)
                    for row in source where hit[Int(row)] { found.append(row) }
                } else if matcher.literal != nil {
                    for row in source where matcher.matches(lowercased: keys[Int(row)]) { found.append(row) }
                } else {
                    // A regular expression tests each field, so that ^bob$ means what it says.
                    for row in source
                    where keys[Int(row)].split(separator: "\u{1}").contains(where: { matcher.matches(String($0)) }) {
                        found.append(row)
                    }
                }
            }
            rows = found
        } else {
            filtering = nil
            rows = sortedRows
        }
        narrowAndShow(keeping: selected, visibleRows: visibleRows)
    }

    /// A regular expression's rows, worked out off the terminal thread; dropped when the filter
    /// or the data changed meanwhile (another job is then under way).
    mutating func filtered(_ job: OrderFilterJob, rows found: [Int32], visibleRows: Int) {
        guard job == filtering else { return }
        filtering = nil
        rows = found
        narrowAndShow(keeping: selectedWhenFiltered, visibleRows: visibleRows)
    }

    private var selectedWhenFiltered: OrderID?

    /// The scope and status narrowing after the text filter, the cache, the counts and the selection.
    private mutating func narrowAndShow(keeping selected: OrderID?, visibleRows: Int) {
        if let scope {
            rows = rows.filter { scope.ids.contains(index.orders[Int($0)].id) }
        }
        if let statusFilter, let code = index.statusNames.firstIndex(of: statusFilter) {
            let wanted = UInt16(code)
            rows = index.statusCodes.withUnsafeBufferPointer { codes in rows.filter { codes[Int($0)] == wanted } }
        } else if statusFilter != nil {
            rows = []
        }
        if filterResults.count > 64 { filterResults = [:] }
        filterResults[filter] = rows
        countStatuses()
        table.setRowCount(rows.count)
        if let selected, let row = index.row(of: selected), let position = rows.firstIndex(of: row) {
            table.selected = position
        }
        table.scrollToSelection(visibleRows: visibleRows)
    }

    private mutating func countStatuses() {
        var tally = [Int](repeating: 0, count: index.statusNames.count)
        index.statusCodes.withUnsafeBufferPointer { codes in
            for row in rows { tally[Int(codes[Int(row)])] += 1 }
        }
        var counts: [OrderStatus: Int] = [:]
        for (code, count) in tally.enumerated() where count > 0 { counts[index.statusNames[code], default: 0] += count }
        statusCounts = counts
    }
}
