import AWSClient
import AWSServices
import Foundation

/// Executions and their histories, read the way each machine type allows: Standard through the
/// Step Functions API, Express rebuilt from the vended log group (AWS keeps nothing else).
public struct ExecutionStore: Sendable {
    public let session: StackSession
    /// What time it is (Express executions are read back from logs up to now).
    public let clock: any AppClock
    /// How far back Express executions are read from the logs.
    public var expressLookback: TimeInterval

    public init(
        session: StackSession, clock: any AppClock = SystemClock(),
        expressLookback: TimeInterval = 24 * 3600
    ) {
        self.session = session
        self.clock = clock
        self.expressLookback = expressLookback
    }

    var reader: LogReader { LogReader(logs: session.logs, budget: session.logsBudget) }

    /// An Express machine's log records written since `since` (FilterLogEvents from that time).
    func expressRecords(machine: MachineInfo, since: Date) async throws -> [VendedLogEvent] {
        guard let group = machine.logGroupName else {
            throw CoreError.notFound(
                "\(machine.name) is an Express machine without a log group: its executions are not recorded anywhere")
        }
        return try await reader.records(group: group, start: Int64(since.timeIntervalSince1970 * 1000))
    }

    /// Executions of one machine, newest first; `limit` stops paging early.
    public func list(machine: MachineInfo, status: String? = nil, limit: Int? = nil) async throws -> [Execution] {
        var executions: [Execution] = []
        try await forEachPage(machine: machine, status: status, limit: limit) { page in
            executions += page
            return true
        }
        return executions
    }

    /// ListExecutions' largest page (its default is 100): a full listing takes a tenth of the requests.
    static let largestPage = 1000

    /// Calls `body` with a machine's executions, newest first, a page at a time as they arrive
    /// (the next page is asked for once `body` returns; it returns false to stop); at most `limit`
    /// in all. Standard: ListExecutions pages. Express: rebuilt from the lookback's log records,
    /// handed over as one page (an execution is whole only once all its records are read).
    public func forEachPage(
        machine: MachineInfo, status: String? = nil, limit: Int? = nil, _ body: ([Execution]) async throws -> Bool
    ) async throws {
        if machine.isExpress {
            var executions = ExpressReconstructor().reconstruct(
                try await expressRecords(
                    machine: machine, since: clock.now().addingTimeInterval(-expressLookback)),
                now: clock.now()
            ).map(\.execution)
            if let status { executions = executions.filter { $0.status.rawValue == status } }
            if let limit { executions = Array(executions.prefix(limit)) }
            _ = try await body(executions)
            return
        }
        try await forEachStandardPage(machine: machine.listing, status: status, limit: limit, body)
    }

    /// `forEachPage` for a machine as listed: a Standard one needs nothing more (no
    /// DescribeStateMachine); an Express one is resolved for its log group first.
    /// `qualifier`: only one version's executions, or one alias's (Standard machines only).
    /// `redriveFilter`: ListExecutions' own for Standard machines; Express executions are never
    /// redriven, so kept only by `.notRedriven`.
    public func forEachPage(
        listing: MachineListing, status: String? = nil, limit: Int? = nil, qualifier: StateMachineQualifier? = nil,
        redriveFilter: ExecutionRedrive.Filter? = nil, _ body: ([Execution]) async throws -> Bool
    ) async throws {
        if let qualifier, listing.type != .standard {
            throw CoreError.invalidInput(
                "\(listing.name) is an Express machine: its executions are rebuilt from logs, which do not say which \(qualifier) ran"
            )
        }
        guard listing.type == .standard else {
            if redriveFilter == .redriven { return }
            return try await forEachPage(
                machine: try await session.machine(named: listing.arn), status: status, limit: limit, body)
        }
        try await forEachStandardPage(
            machine: listing, status: status, limit: limit, qualifier: qualifier, redriveFilter: redriveFilter, body)
    }

    private func forEachStandardPage(
        machine: MachineListing, status: String?, limit: Int?, qualifier: StateMachineQualifier? = nil,
        redriveFilter: ExecutionRedrive.Filter? = nil, _ body: ([Execution]) async throws -> Bool
    ) async throws {
        var count = 0
        // A version's or alias's ARN in place of the machine's lists only the executions it ran.
        for try await page in session.stepFunctions.listExecutions(
            stateMachineArn: qualifier?.arn(machineArn: machine.arn) ?? machine.arn, statusFilter: status,
            pageSize: min(limit ?? Self.largestPage, Self.largestPage), redriveFilter: redriveFilter?.rawValue)
        {
            // The filter checked here too: an engine that ignores `redriveFilter` (moto) must not
            // pass off every execution as redriven.
            let kept = page.filter { item in
                redriveFilter.map { ($0 == .redriven) == ((item.redriveCount ?? 0) > 0) } ?? true
            }
            let executions = kept.prefix(limit.map { $0 - count } ?? kept.count).map {
                Execution(listItem: $0, machineName: machine.name)
            }
            count += executions.count
            guard try await body(executions), limit.map({ count < $0 }) ?? true else { return }
        }
    }

    /// One execution with input/output/error, and its events in id order.
    /// `redriveStanding`: for one that ended badly, also whether it can be redriven and why not
    /// (one DescribeExecution more; the dashboard's Execution screen says it before `R` is tried).
    public func detail(arn: String, redriveStanding: Bool = false) async throws -> (
        execution: Execution, events: [ExecutionEvent]
    ) {
        // Only an Express execution needs its machine (for the log group); a Standard one is read
        // by its ARN, which names the machine — no listing and describing of machines first.
        if ExecutionARN(arn).isExpress {
            guard let group = try await session.machine(forExecution: arn)?.logGroupName else {
                throw CoreError.notFound("no log group for the machine of \(arn)")
            }
            // Server-side narrowing by the ARN as a phrase; the client filter below is what counts.
            let records = try await reader.records(group: group, filterPattern: "\"\(arn)\"").filter {
                $0.executionArn == arn
            }
            guard !records.isEmpty else { throw CoreError.notFound("no log records for \(arn) in \(group)") }
            let rebuilt = ExpressReconstructor().build(
                arn: ExecutionARN(arn), events: records.map(\.event), now: clock.now())
            return (rebuilt.execution, rebuilt.events)
        }
        // The history alone: it holds everything DescribeExecution would add (one request, not two).
        let events = try await session.stepFunctions.fullHistory(executionArn: arn).map(ExecutionEvent.init)
        var execution = Execution(standardHistory: events, arn: ExecutionARN(arn))
        execution.mapRuns = await mapRuns(in: events)
        // Ended badly: whether it can be redriven, and why not, before the operator tries — one
        // DescribeExecution, only for these (an engine without redrive says nothing: left unknown).
        if redriveStanding, execution.status.isFailure,
            let described = try? await session.stepFunctions.describeExecution(arn)
        {
            execution.redrive = ExecutionRedrive(described)
        }
        return (execution, events)
    }

    /// Each distributed Map run of the history, described (its items run as child executions, so
    /// only DescribeMapRun knows how many succeeded). A run that cannot be described is left out.
    func mapRuns(in events: [ExecutionEvent]) async -> [String: MapRunCounts] {
        var runs: [String: MapRunCounts] = [:]
        for event in events where event.type == "MapRunStarted" {
            guard let arn = event.details["mapRunArn"]?.stringValue,
                let described = try? await session.stepFunctions.describeMapRun(arn)
            else { continue }
            runs[arn] = MapRunCounts(described)
        }
        return runs
    }

    /// The execution ARN of an order: stored on the item, or the order id as execution name.
    public func executionArn(for order: Order) async throws -> String? {
        if let arn = order.executionArn { return arn.rawValue }
        guard let machine = try await session.machines().first(where: { !$0.isExpress }) else { return nil }
        return ExecutionARN.standard(machineArn: machine.arn, name: order.executionName).rawValue
    }

    /// The execution named after an order when there is no order item to say which (the run that
    /// failed before writing it): a Standard machine's execution by its ARN, else an Express
    /// execution of that name in the logs.
    public func executionArn(named name: String) async throws -> String? {
        let machines = try await session.machines()
        for machine in machines where !machine.isExpress {
            let arn = ExecutionARN.standard(machineArn: machine.arn, name: name).rawValue
            do {
                _ = try await session.stepFunctions.describeExecution(arn)
                return arn
            } catch let error as AWSServiceError where error.code == "ExecutionDoesNotExist" {
                continue
            }
        }
        for machine in machines where machine.isExpress {
            if let found = try await list(machine: machine).first(where: { $0.name == name }) {
                return found.arn.rawValue
            }
        }
        return nil
    }
}
