import Foundation

extension Execution {
    /// A Standard execution's record read off its full history, so one GetExecutionHistory answers
    /// what DescribeExecution and GetExecutionHistory answered together (half the requests for
    /// `history`): the name from the ARN, input from `ExecutionStarted`, the end, output and error
    /// from the last terminal event. An `ExecutionRedriven` after that end runs again; no end runs
    /// still (a Standard execution may run a year, so no horizon as for Express logs).
    /// Not derivable: PENDING_REDRIVE (DescribeExecution's brief state before a redrive starts)
    /// reads as the failure it redrives.
    public init(standardHistory events: [ExecutionEvent], arn: ExecutionARN) {
        let started = events.first { $0.type == "ExecutionStarted" }
        let terminal = events.last { $0.terminalStatus != nil }
        let redriven = events.last { $0.type == "ExecutionRedriven" }
        let ended = terminal.flatMap { end in (redriven.map { $0.id < end.id } ?? true) ? end : nil }
        self.init(
            arn: arn, name: arn.name, machineName: arn.machineName ?? "",
            status: ended?.terminalStatus ?? .running, startDate: started?.timestamp ?? events.first?.timestamp,
            stopDate: ended?.timestamp, input: started?.input, output: ended?.output, error: ended?.error,
            cause: ended?.cause, source: .api, isTruncated: events.contains { $0.isTruncated })
        // Its redrives so far, as DescribeExecution would count them; whether it can be redriven
        // again only DescribeExecution says (`ExecutionStore.detail` asks when it ended badly).
        redrive = ExecutionRedrive(history: events)
        // Started through a version or an alias, `ExecutionStarted` says which (as DescribeExecution would).
        setRevision(
            version: started?.details["stateMachineVersionArn"]?.stringValue,
            alias: started?.details["stateMachineAliasArn"]?.stringValue)
    }
}
