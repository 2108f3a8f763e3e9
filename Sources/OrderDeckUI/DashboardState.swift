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
    public var prompt: Prompt?
    public var status: String?
    public var statusIsError = false
    public var refreshState = "loading"

    // Orders
    public var orders: [Order] = []
    public var ordersLoading = true
    public var ordersTable = TableView(columns: OrdersColumns.all)
    public var orderSort: Order.SortKey = .created
    public var orderSortDescending = true
    public var orderFilter: String = ""
    public private(set) var visibleOrders: [Order] = []

    // Executions
    public var machines: [MachineInfo] = []
    public var machineIndex = 0
    public var executionsByMachine: [String: [Execution]] = [:]
    public var executionStatusFilter: String?
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
        if let matcher = TextMatcher(executionFilter) { list = list.filter { matcher.matches($0.name) || matcher.matches($0.status) } }
        return list
    }

    // MARK: Updates from background work

    public mutating func apply(_ update: DashboardUpdate) {
        switch update {
        case .machines(let list):
            machines = list
        case .orders(let list, _, let loading):
            let selectedId = visibleOrders.indices.contains(ordersTable.selected) ? visibleOrders[ordersTable.selected].id : nil
            orders = list
            ordersLoading = loading
            recomputeOrders(keeping: selectedId)
        case .executions(let machine, let list):
            executionsByMachine[machine] = list
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
                status = "\(submission.status ?? 0) \(Self.statusText(submission)) [request \(submission.requestId ?? "-")]"
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
        case .refreshState(let text):
            refreshState = text
            if text == "live", statusIsError, status?.hasPrefix("throttled") == true { status = nil }
        }
    }

    static func statusText(_ submission: Submission) -> String {
        submission.responseBody.flatMap { try? JSONValue.parse($0) }?["status"]?.stringValue ?? ""
    }

    mutating func recomputeOrders(keeping selectedId: String? = nil) {
        var list = orders
        if let matcher = TextMatcher(orderFilter) {
            list = list.filter { order in
                matcher.matches(order.id) || matcher.matches(order.userId) || matcher.matches(order.status)
                    || matcher.matches(order.customerEmail ?? "") || matcher.matches(order.amount ?? "")
            }
        }
        visibleOrders = Order.sorted(list, by: orderSort, descending: orderSortDescending)
        ordersTable.setRowCount(visibleOrders.count)
        ordersTable.sortColumn = OrdersColumns.index(of: orderSort)
        ordersTable.sortDescending = orderSortDescending
        if let selectedId, let index = visibleOrders.firstIndex(where: { $0.id == selectedId }) {
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
