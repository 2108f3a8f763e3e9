import AWSClient
import Foundation
import OrderDeckCore
import TerminalUI

/// Everything the dashboard shows, as a value: keys change it (returning effects for the outside
/// world), updates from background work change it, and `DashboardView` draws it.
public struct DashboardState: Sendable {
    public enum Screen: String, Sendable, CaseIterable {
        case orders, executions, detail, logs, submit
    }

    public struct StackInfo: Sendable {
        public var name: String
        public var region: String
        public var endpoint: String
        public var profile: String?
        public var isLocal: Bool
        public var readOnly: Bool

        public init(name: String, region: String, endpoint: String, profile: String?, isLocal: Bool, readOnly: Bool) {
            self.name = name
            self.region = region
            self.endpoint = endpoint
            self.profile = profile
            self.isLocal = isLocal
            self.readOnly = readOnly
        }
    }

    /// Things only the outside world can do.
    public enum Effect: Sendable, Equatable {
        case quit
        case watchDetail(String)
        case stopWatching
        case submit(JSONValue)
        case resend(String)
        case copy(String)
        case refresh
        /// Leave this stack's dashboard and open the named stack's (`:stack NAME`).
        case switchStack(String)
        /// Open this text in the operator's editor; the result comes back through `applyEditedTemplate`.
        case editTemplate(String)
    }

    public enum Prompt: Sendable, Equatable {
        case filter(String)
        case command(String)
        case search(String)
        case editField(String, String)
    }

    public var stack: StackInfo
    public var navigation: [Screen] = [.orders]
    public var now = Date()
    public var showHelp = false
    /// The stacks `:stack NAME` can switch to (the configuration file's, plus `local` when it runs).
    public var stackNames: [String] = []
    /// The foldable JSON view (`i`) over the current screen, when open.
    public var inspector: JSONInspector?
    public var prompt: Prompt?
    public var status: String?
    public var statusIsError = false
    /// The status line shows a background refresh's failure (cleared when refreshing works again).
    public var problemFromRefresh = false
    public var refreshState = "loading"

    // Orders
    public var orders: [Order] = [] { didSet { searchDataStale = true } }
    public var ordersLoading = true
    public var ordersTable = TableView(columns: OrdersColumns.all)
    public var orderSort: Order.SortKey = .created
    public var orderSortDescending = true
    public var orderFilter: String = ""
    /// The visible orders: row numbers into `orders`, so sorting and filtering 100,000 orders move
    /// 4-byte indices, never the orders themselves.
    public var visibleOrders: OrderRows { OrderRows(base: orders, rows: visibleRows) }
    private var visibleRows: [Int32] = []
    /// Row numbers of all orders in the current sort order: sorting happens when the data or the
    /// sort changes, never per keystroke.
    private var sortedRows: [Int32] = []
    /// Per order (same index as `orders`): its lower-cased search text and its status as a small
    /// number, built once per data change.
    private var searchKeys: [String] = []
    private var statusCodes: [UInt16] = []
    private var statusNames: [String] = []
    private var searchDataStale = true
    private var appliedFilter = ""
    /// Results of the filters typed so far in this search (text → rows, counts): deleting a
    /// character goes back to an earlier result instead of searching all orders again.
    private var filterResults: [String: FilterResult] = [:]
    struct FilterResult: Sendable {
        var rows: [Int32]
        var counts: [String: Int]
    }
    /// Orders per status of what is visible, kept with the list (not counted per frame).
    public private(set) var visibleStatusCounts: [String: Int] = [:]

    // Executions
    public var machines: [MachineInfo] = []
    public var machineIndex = 0
    public var executionsByMachine: [String: [Execution]] = [:]
    public var executionStatusFilter: String?
    /// Execution ARN → status across machines, kept as executions arrive.
    public private(set) var executionStatusByArn: [String: String] = [:]
    public var executionsTable = TableView(columns: ExecutionsColumns.all)
    public var executionFilter: String = ""

    // Execution detail
    public var detailArn: String?
    public var detail: Execution?
    public var detailEvents: [ExecutionEvent] = []
    public var detailTimeline = Timeline(events: [])
    public var detailTable = TableView(columns: DetailColumns.timeline)
    public var detailRaw = false

    // Logs
    public var logLines: [TailedEvent] = []
    public var logsTable = TableView(columns: LogsColumns.all)
    public var logsPaused = false
    public var logsFilter: String = ""
    public var logsSearch: String = ""
    public var logsWrap = false
    public var logsExecution: String?
    public private(set) var visibleLogs: [TailedEvent] = []
    public static let logCapacity = 20_000

    // Submit
    public var template: JSONValue = StackConfig.defaultOrderTemplate
    public var submitField = 0
    public var lastSubmission: Submission?
    public var submissions: [Submission] = []

    public var pendingClipboard: String?

    public init(stack: StackInfo, template: JSONValue? = nil) {
        self.stack = stack
        if let template { self.template = template }
    }

    public var screen: Screen { navigation.last ?? .orders }

    public var currentMachine: MachineInfo? { machines.indices.contains(machineIndex) ? machines[machineIndex] : nil }

    public var visibleExecutions: [Execution] {
        guard let machine = currentMachine else { return [] }
        var list = executionsByMachine[machine.name] ?? []
        if let status = executionStatusFilter { list = list.filter { $0.status == status } }
        if let matcher = TextMatcher(executionFilter) {
            list = list.filter { matcher.matches($0.name) || matcher.matches($0.status) }
        }
        return list
    }

    // MARK: Updates from background work

    public mutating func apply(_ update: DashboardUpdate) {
        switch update {
        case .machines(let list):
            machines = list
        case .orders(let list, _, let loading):
            let selectedId =
                visibleOrders.indices.contains(ordersTable.selected) ? visibleOrders[ordersTable.selected].id : nil
            orders = list
            ordersLoading = loading
            recomputeOrders(keeping: selectedId)
        case .executions(let machine, let list):
            executionsByMachine[machine] = list
            for execution in list { executionStatusByArn[execution.arn] = execution.status }
            executionsTable.setRowCount(visibleExecutions.count)
        case .detail(let execution, let events):
            guard execution.arn == detailArn else { return }
            detail = execution
            detailEvents = events
            detailTimeline = Timeline(events: events)
            detailTable.setRowCount(detailRaw ? events.count : detailTimeline.steps.count)
        case .logs(let batch):
            logLines.append(contentsOf: batch)
            if logLines.count > Self.logCapacity { logLines.removeFirst(logLines.count - Self.logCapacity) }
            recomputeLogs()
        case .submitted(let submission):
            lastSubmission = submission
            if submission.isAccepted, let arn = submission.executionArn {
                detailArn = arn
                status =
                    "\(submission.status ?? 0) \(Self.statusText(submission)) [request \(submission.requestId ?? "-")]"
                statusIsError = false
            } else {
                status = "submit: \(submission.outcome(inProcess: true))"
                statusIsError = true
            }
        case .submissions(let list):
            submissions = list
        case .problem(let message):
            status = message
            statusIsError = true
            problemFromRefresh = true
            refreshState = "failing, retrying"
        case .refreshState(let text):
            refreshState = text
            if text == "live", statusIsError, status?.hasPrefix("throttled") == true { status = nil }
            // A background refresh that failed and now works again says so, and the error goes.
            if text == "live", problemFromRefresh {
                problemFromRefresh = false
                if statusIsError {
                    status = "recovered: refreshing again"
                    statusIsError = false
                }
            }
        }
    }

    static func statusText(_ submission: Submission) -> String {
        submission.responseBody.flatMap { try? JSONValue.parse($0) }?["status"]?.stringValue ?? ""
    }

    /// Re-sorts everything (new data or a new sort), then filters.
    mutating func recomputeOrders(keeping selectedId: String? = nil) {
        if searchDataStale {
            searchKeys = orders.map { order in
                [order.id, order.userId, order.status, order.customerEmail ?? "", order.amount ?? ""].joined(
                    separator: "\u{1}"
                ).lowercased()
            }
            var codes: [String: UInt16] = [:]
            statusNames = []
            statusCodes = orders.map { order in
                if let code = codes[order.status] { return code }
                let code = UInt16(truncatingIfNeeded: statusNames.count)
                codes[order.status] = code
                statusNames.append(order.status)
                return code
            }
            searchDataStale = false
        }
        sortedRows = Order.sortedIndices(orders, by: orderSort, descending: orderSortDescending).map {
            Int32(truncatingIfNeeded: $0)
        }
        appliedFilter = "\u{0}"  // force a full filter pass
        filterResults = [:]
        refilterOrders(keeping: selectedId)
    }

    /// Applies the filter; while the operator types more of a plain-text filter, only the rows
    /// that matched the shorter text are searched again.
    mutating func refilterOrders(keeping selectedId: String? = nil) {
        if let cached = filterResults[orderFilter] {
            visibleRows = cached.rows
            visibleStatusCounts = cached.counts
            appliedFilter = orderFilter
            ordersTable.setRowCount(visibleRows.count)
            select(selectedId)
            return
        }
        let matcher = TextMatcher(orderFilter)
        let narrowing =
            matcher?.literal != nil && !appliedFilter.isEmpty && appliedFilter != "\u{0}"
            && TextMatcher(appliedFilter)?.literal != nil
            && orderFilter.lowercased().hasPrefix(appliedFilter.lowercased())
        let source = narrowing ? visibleRows : sortedRows
        if let matcher {
            var rows: [Int32] = []
            // A literal searches the joined key; a regular expression tests each field, so that
            // anchors such as ^bob$ mean what they say.
            if matcher.literal != nil {
                searchKeys.withUnsafeBufferPointer { keys in
                    for row in source where matcher.matches(lowercased: keys[Int(row)]) { rows.append(row) }
                }
            } else {
                for row in source
                where searchKeys[Int(row)].split(separator: "\u{1}").contains(where: { matcher.matches(String($0)) }) {
                    rows.append(row)
                }
            }
            visibleRows = rows
        } else {
            visibleRows = sortedRows
        }
        appliedFilter = orderFilter
        var tally = [Int](repeating: 0, count: statusNames.count)
        statusCodes.withUnsafeBufferPointer { codes in
            for row in visibleRows { tally[Int(codes[Int(row)])] += 1 }
        }
        var counts: [String: Int] = [:]
        for (code, count) in tally.enumerated() where count > 0 { counts[statusNames[code], default: 0] += count }
        visibleStatusCounts = counts
        if filterResults.count > 64 { filterResults = [:] }
        filterResults[orderFilter] = FilterResult(rows: visibleRows, counts: counts)
        ordersTable.setRowCount(visibleRows.count)
        ordersTable.sortColumn = OrdersColumns.index(of: orderSort)
        ordersTable.sortDescending = orderSortDescending
        select(selectedId)
    }

    private mutating func select(_ selectedId: String?) {
        guard let selectedId else { return }
        if let index = visibleRows.firstIndex(where: { orders[Int($0)].id == selectedId }) {
            ordersTable.selected = index
        }
    }

    mutating func recomputeLogs() {
        var list = logLines
        if let execution = logsExecution { list = list.filter { $0.record?.executionArn == execution } }
        if let matcher = TextMatcher(logsFilter) { list = list.filter { matcher.matches(LogsColumns.summary($0)) } }
        let wasAtBottom = logsTable.selected >= max(0, visibleLogs.count - 1)
        visibleLogs = list
        logsTable.setRowCount(list.count)
        if !logsPaused && wasAtBottom { logsTable.selected = max(0, list.count - 1) }
    }
}
