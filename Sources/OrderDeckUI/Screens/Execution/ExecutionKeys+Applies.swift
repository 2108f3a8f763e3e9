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
        case .rerun: return found?.status.isFailure == true
        case .previousGroup, .nextGroup: return execution.isDrilled
        case .events, .inspect, .logs, .order, .copy: return true
        }
    }

    /// The same for the Executions list: stop only on a running Standard execution.
    func executionsKeyApplies(_ action: ExecutionsAction) -> Bool {
        guard case .stop = action else { return true }
        let selected = executions.selected
        return selected?.status == .running && selected?.isExpress == false
    }
}
