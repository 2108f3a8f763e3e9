import AWSClient
import AWSServices
import Foundation

/// Keeps a machine's execution list current with as few calls as possible: each refresh reads
/// ListExecutions only until it reaches executions it already knows in a final state (newest
/// come first, and a final execution never changes), and reports what is new or changed.
public actor ExecutionMonitor {
    public struct Changes: Sendable, Equatable {
        public var added: [Execution] = []
        public var changed: [Execution] = []
        public var isEmpty: Bool { added.isEmpty && changed.isEmpty }

        public init(added: [Execution] = [], changed: [Execution] = []) {
            self.added = added
            self.changed = changed
        }

        /// What `fresh` adds or changes against the statuses `known` (which it then updates).
        public static func between(known: inout [ExecutionARN: ExecutionStatus], fresh: [Execution]) -> Changes {
            var changes = Changes()
            for execution in fresh {
                if let previous = known[execution.arn] {
                    if previous != execution.status { changes.changed.append(execution) }
                } else {
                    changes.added.append(execution)
                }
                known[execution.arn] = execution.status
            }
            return changes
        }
    }

    public let machine: MachineInfo
    private let store: ExecutionStore
    private let session: StackSession
    public private(set) var executions: [Execution] = []
    private var known: [ExecutionARN: ExecutionStatus] = [:]
    public private(set) var pagesRead = 0
    /// Express: log records read so far (a quiet refresh adds none once `logOverlap` has passed).
    public private(set) var recordsRead = 0
    private let clock: any AppClock
    /// Express: every execution's events seen (by id), and when the previous read began.
    private var expressEvents: [ExecutionARN: [Int: ExecutionEvent]] = [:]
    private var expressReadFrom: Date?
    private var expressReads = 0
    static let fullReadEvery = 20
    /// Express: the next read starts this long before the previous one began — vended records
    /// reach the log group a moment after their event, and one written during the read must not
    /// be missed.
    let logOverlap: TimeInterval
    /// The newest this many executions are held (RUNNING ones always): hours of traffic do not
    /// grow the dashboard without bound.
    let window: Int

    public init(
        session: StackSession, machine: MachineInfo, clock: any AppClock = SystemClock(),
        logOverlap: TimeInterval = 30, window: Int = StackConfig.defaultOrderWindow
    ) {
        self.window = window
        self.session = session
        self.machine = machine
        self.clock = clock
        self.logOverlap = logOverlap
        self.store = ExecutionStore(session: session, clock: clock)
    }

    public func refresh() async throws -> Changes {
        if machine.isExpress { return apply(try await refreshExpress()) }
        var fresh: [Execution] = []
        pages: for try await page in session.stepFunctions.listExecutions(stateMachineArn: machine.arn, pageSize: 100) {
            pagesRead += 1
            for item in page {
                if let status = known[ExecutionARN(item.executionArn)], status.rawValue == item.status,
                    status != .running
                {
                    break pages
                }
                fresh.append(Execution(listItem: item, machineName: machine.name))
            }
        }
        // Running executions further down the list than the stop point: ask for each directly.
        let stillRunning = executions.filter { $0.status == .running && !fresh.map(\.arn).contains($0.arn) }
        for execution in stillRunning {
            let described = try await session.stepFunctions.describeExecution(execution.arn.rawValue)
            fresh.append(Execution(described: described, machineName: machine.name))
        }
        return apply(fresh)
    }

    /// Express executions from the log records written since the previous read (the whole lookback
    /// on the first): only the executions those records touch are rebuilt — and the RUNNING ones,
    /// which turn UNKNOWN with time; executions that left the lookback are dropped.
    private func refreshExpress() async throws -> [Execution] {
        let started = clock.now()
        // Every `fullReadEvery`th read takes the whole lookback again: a record that reached the
        // group later than the overlap (a lagging delivery) is picked up then, not lost.
        expressReads += 1
        let full = expressReadFrom == nil || expressReads % Self.fullReadEvery == 0
        let from =
            full
            ? started.addingTimeInterval(-store.expressLookback)
            : (expressReadFrom ?? started).addingTimeInterval(-logOverlap)
        let records = try await store.expressRecords(machine: machine, since: from)
        recordsRead += records.count
        expressReadFrom = started
        var touched = Set<ExecutionARN>()
        for record in records {
            let arn = ExecutionARN(record.executionArn)
            guard expressEvents[arn, default: [:]][record.event.id] != record.event else { continue }
            expressEvents[arn, default: [:]][record.event.id] = record.event
            touched.insert(arn)
        }
        touched.formUnion(executions.filter { $0.status == .running }.map(\.arn))
        let horizon = started.addingTimeInterval(-store.expressLookback)
        let fresh = touched.compactMap { arn -> Execution? in
            guard let events = expressEvents[arn] else { return nil }
            return ExpressReconstructor().build(arn: arn, events: Array(events.values), now: started).execution
        }
        // Out of the lookback: forgotten, as a fresh read would not see them either.
        let expired = executions.filter { ($0.startDate ?? .distantPast) < horizon }.map(\.arn)
        for arn in expired { expressEvents[arn] = nil }
        if !expired.isEmpty { executions.removeAll { expired.contains($0.arn) } }
        return fresh
    }

    private func apply(_ fresh: [Execution]) -> Changes {
        let changes = Changes.between(known: &known, fresh: fresh)
        var byArn = Dictionary(executions.map { ($0.arn, $0) }, uniquingKeysWith: { first, _ in first })
        for execution in fresh { byArn[execution.arn] = execution }
        executions = byArn.values.sorted { ($0.startDate ?? .distantPast) > ($1.startDate ?? .distantPast) }
        if executions.count > window {
            let dropped = executions[window...].filter { $0.status != .running }
            let droppedArns = Set(dropped.map(\.arn))
            executions.removeAll { droppedArns.contains($0.arn) }
            for arn in droppedArns {
                known[arn] = nil
                expressEvents[arn] = nil
            }
        }
        return changes
    }

    public var runningCount: Int { executions.filter { $0.status == .running }.count }
}
