import OrderDeckCore
import TerminalUI

/// The Map Run screen's state: one distributed Map's run (DescribeMapRun) and its child
/// executions, opened from the Execution screen's Map row. It keeps the Execution screen it was
/// opened from, so coming back from a child's history shows the parent again as it was.
public struct MapRunScreen: Sendable {
    public private(set) var arn: String?
    /// The Map state that started it ("ProcessItems"), for the title.
    public private(set) var stateName = ""
    /// What its MapRunFailed or MapRunAborted event said (the parent's history; DescribeMapRun
    /// has no error).
    public private(set) var error: String?
    public private(set) var cause: String?
    public private(set) var detail: MapRunDetail?
    /// Why the run could not be read, while it could not.
    public private(set) var problem: String?
    /// Only children with this status (`f` cycles through those present).
    public private(set) var statusFilter: ExecutionStatus?
    public var table = TableView(columns: MapRunColumns.children)
    /// The Execution screen as it was when the run was opened (the parent, its selection).
    var parent: ExecutionScreen?

    public init() {}

    var isRunning: Bool { detail?.run.status == .running }

    /// The children shown: all, or those with the status filtered on.
    public var visible: [Execution] {
        guard let children = detail?.children else { return [] }
        guard let statusFilter else { return children }
        return children.filter { $0.status == statusFilter }
    }

    public var selected: Execution? {
        let list = visible
        return list.indices.contains(table.selected) ? list[table.selected] : nil
    }

    mutating func open(_ newArn: String, state step: Timeline.Step, from execution: ExecutionScreen) {
        if arn != newArn {
            detail = nil
            statusFilter = nil
            table.setRowCount(0)
            table.moveTo(0, visibleRows: 1)
        }
        arn = newArn
        stateName = step.name
        error = step.mapRun?.error
        cause = step.mapRun?.cause
        problem = nil
        parent = execution
    }

    mutating func update(_ found: MapRunDetail, visibleRows: Int) {
        guard found.run.arn == arn else { return }
        let firstLoad = detail == nil
        detail = found
        problem = nil
        table.setRowCount(visible.count)
        if firstLoad {
            // Where an operator looks first: the first child that failed.
            let failed = visible.firstIndex { $0.status.isFailure }
            table.moveTo(failed ?? 0, visibleRows: visibleRows)
        } else {
            table.scrollToSelection(visibleRows: visibleRows)
        }
    }

    mutating func failed(_ failedArn: String, _ message: String) {
        guard failedArn == arn else { return }
        problem = message
    }

    /// `f`: all, then each status present among the children (failed ones first), then all again.
    mutating func nextStatusFilter(visibleRows: Int) {
        let present = Set((detail?.children ?? []).map(\.status))
        let order: [ExecutionStatus] = [.failed, .timedOut, .aborted, .running, .succeeded, .pendingRedrive]
        let cycle = order.filter(present.contains)
        if let statusFilter, let index = cycle.firstIndex(of: statusFilter), index + 1 < cycle.count {
            self.statusFilter = cycle[index + 1]
        } else {
            statusFilter = statusFilter == nil ? cycle.first : nil
        }
        table.setRowCount(visible.count)
        table.moveTo(0, visibleRows: visibleRows)
    }
}
