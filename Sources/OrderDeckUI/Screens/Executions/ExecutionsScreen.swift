import Foundation
import OrderDeckCore
import TerminalUI

/// The Executions screen's state: every machine's executions, one machine shown at a time.
public struct ExecutionsScreen: Sendable {
    public private(set) var machines: [MachineInfo] = []
    public private(set) var machineIndex = 0
    public private(set) var byMachine: [String: [Execution]] = [:]
    /// Every execution's status across machines, kept as executions arrive (Orders shows it).
    private var statusByArn: [ExecutionARN: ExecutionStatus] = [:]
    private var standardByName: [OrderID: Execution] = [:]
    /// Executions read in full, by ARN (see `adopt`).
    private var detailed: [ExecutionARN: Execution] = [:]
    public private(set) var statusFilter: ExecutionStatus?
    public private(set) var filter = ""
    /// Only these executions, across machines (a jump from an Overview figure); esc clears it.
    public private(set) var scope: ListScope<ExecutionARN>?
    public var table = TableView(columns: ExecutionsColumns.all)

    public init() {}

    public var currentMachine: MachineInfo? { machines.indices.contains(machineIndex) ? machines[machineIndex] : nil }

    public var visible: [Execution] {
        var list: [Execution]
        if let scope {
            list = byMachine.values.flatMap { $0 }.filter { scope.ids.contains($0.arn) }
                .sorted { ($0.startDate ?? .distantPast) > ($1.startDate ?? .distantPast) }
        } else {
            guard let machine = currentMachine else { return [] }
            list = byMachine[machine.name] ?? []
        }
        if let status = statusFilter { list = list.filter { $0.status == status } }
        // `version:7` / `alias:prod` terms pick by what ran; the rest matches name, status, version.
        let parsed = ExecutionsFilter(filter)
        list = list.filter { execution in parsed.qualifiers.allSatisfy { $0.matches(execution) } }
        if let matcher = TextMatcher(parsed.text) {
            list = list.filter {
                matcher.matches($0.name) || matcher.matches($0.status.rawValue) || matcher.matches($0.versionText)
            }
        }
        return list
    }

    public var selected: Execution? {
        let list = visible
        return list.indices.contains(table.selected) ? list[table.selected] : nil
    }

    func status(of arn: ExecutionARN) -> ExecutionStatus? { statusByArn[arn] }

    /// The Standard execution named after an order (Express webhook runs may share the name).
    func standardExecution(named id: OrderID) -> Execution? { standardByName[id] }

    var anyVisibleRunning: Bool { visible.contains { $0.status == .running } }

    mutating func setMachines(_ list: [MachineInfo], visibleRows: Int) {
        machines = list
        machineIndex = min(machineIndex, max(0, list.count - 1))
        table.setRowCount(visible.count)
        table.scrollToSelection(visibleRows: visibleRows)
    }

    mutating func replace(machine: String, _ list: [Execution], visibleRows: Int) {
        // An execution read in full (opened) keeps the figures of its history until the list
        // says something newer (another status): its ELAPSED is the Execution screen's "took".
        let list = list.map { listed -> Execution in
            guard let detail = detailed[listed.arn] else { return listed }
            guard detail.status == listed.status else {
                detailed[listed.arn] = nil
                return listed
            }
            return Self.merged(listed, with: detail)
        }
        byMachine[machine] = list
        for execution in list {
            statusByArn[execution.arn] = execution.status
            if !execution.isExpress { standardByName[execution.arn.orderID] = execution }
        }
        table.setRowCount(visible.count)
        table.scrollToSelection(visibleRows: visibleRows)
    }

    /// An execution read in full (the Execution screen loaded it): its start, stop, status,
    /// error and cause replace the list's, so one execution shows one set of figures.
    mutating func adopt(_ detail: Execution) {
        detailed[detail.arn] = detail
        guard var list = byMachine[detail.machineName], let index = list.firstIndex(where: { $0.arn == detail.arn })
        else { return }
        list[index] = Self.merged(list[index], with: detail)
        byMachine[detail.machineName] = list
        statusByArn[detail.arn] = detail.status
    }

    static func merged(_ listed: Execution, with detail: Execution) -> Execution {
        var merged = listed
        merged.startDate = detail.startDate ?? listed.startDate
        merged.stopDate = detail.stopDate ?? listed.stopDate
        merged.status = detail.status
        merged.error = detail.error
        merged.cause = detail.cause
        return merged
    }

    mutating func nextMachine(visibleRows: Int) {
        guard !machines.isEmpty else { return }
        machineIndex = (machineIndex + 1) % machines.count
        table.setRowCount(visible.count)
        table.moveTo(0, visibleRows: visibleRows)
    }

    mutating func selectMachine(named name: String, visibleRows: Int) -> Bool {
        guard let index = machines.firstIndex(where: { $0.name == name }) else { return false }
        machineIndex = index
        table.setRowCount(visible.count)
        table.moveTo(0, visibleRows: visibleRows)
        return true
    }

    mutating func nextStatusFilter(visibleRows: Int) {
        let cycle: [ExecutionStatus?] = [nil] + ExecutionStatus.filterable.map { $0 }
        statusFilter = cycle[((cycle.firstIndex(of: statusFilter) ?? 0) + 1) % cycle.count]
        table.setRowCount(visible.count)
        table.scrollToSelection(visibleRows: visibleRows)
    }

    /// A scope (a jump from an Overview figure) is the whole answer: a status or text filter set
    /// earlier would hide it (a trial's "failed this minute" showed "no executions" under an old
    /// "only TIMED_OUT").
    mutating func setScope(_ newScope: ListScope<ExecutionARN>?, visibleRows: Int) {
        scope = newScope
        if newScope != nil {
            statusFilter = nil
            filter = ""
        }
        table.setRowCount(visible.count)
        table.moveTo(0, visibleRows: visibleRows)
    }

    mutating func setFilter(_ text: String, visibleRows: Int) {
        filter = text
        table.setRowCount(visible.count)
        table.scrollToSelection(visibleRows: visibleRows)
    }
}
