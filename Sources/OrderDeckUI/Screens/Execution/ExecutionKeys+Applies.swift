import OrderDeckCore

extension DashboardState {
    /// Whether an Execution screen key does something for what is selected now (the hint line
    /// offers only those): drill on a Map or Parallel, stop on a running Standard execution,
    /// re-run on a failed one.
    func executionKeyApplies(_ action: ExecutionAction) -> Bool {
        let found = execution.execution
        switch action {
        case .drill:
            return execution.selectedStep?.hasChildren == true || execution.selectedStep?.mapRun != nil
                || execution.selectedGroup != nil
        case .stop: return found?.status == .running && found?.isExpress == false
        case .redrive: return found.map { redriveRefusal($0) == nil } ?? false
        case .rerun: return found?.status.isFailure == true
        case .replay: return found.map { $0.status != .running } ?? false
        case .previousGroup, .nextGroup: return execution.isDrilled
        case .functionLogs: return execution.selectedStep?.function != nil
        case .events, .inspect, .logs, .order, .copy: return true
        }
    }

    /// The same for the Executions list: stop only on a running Standard execution, redrive only
    /// on one that can be.
    func executionsKeyApplies(_ action: ExecutionsAction) -> Bool {
        let selected = executions.selected
        switch action {
        case .stop: return selected?.status == .running && selected?.isExpress == false
        case .redrive: return selected.map { redriveRefusal($0) == nil } ?? false
        case .diff: return diff.marked.map { $0.arn != selected?.arn && selected != nil } ?? false
        case .open, .machine, .statusFilter, .filter, .logs, .copy, .mark: return true
        }
    }
}
