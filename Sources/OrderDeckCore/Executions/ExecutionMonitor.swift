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
        public static func between(known: inout [String: ExecutionStatus], fresh: [Execution]) -> Changes {
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
    private var known: [String: ExecutionStatus] = [:]
    public private(set) var pagesRead = 0

    public init(session: StackSession, machine: MachineInfo, now: @escaping @Sendable () -> Date = { Date() }) {
        self.session = session
        self.machine = machine
        self.store = ExecutionStore(session: session, now: now)
    }

    public func refresh() async throws -> Changes {
        if machine.isExpress {
            // The log group is the only source; the tail engine is what keeps it incremental.
            return apply(try await store.list(machine: machine))
        }
        var fresh: [Execution] = []
        pages: for try await page in session.stepFunctions.listExecutions(stateMachineArn: machine.arn, pageSize: 100) {
            pagesRead += 1
            for item in page {
                if let status = known[item.executionArn], status.rawValue == item.status, status != .running {
                    break pages
                }
                fresh.append(Execution(listItem: item, machineName: machine.name))
            }
        }
        // Running executions further down the list than the stop point: ask for each directly.
        let stillRunning = executions.filter { $0.status == .running && !fresh.map(\.arn).contains($0.arn) }
        for execution in stillRunning {
            let described = try await session.stepFunctions.describeExecution(execution.arn)
            fresh.append(Execution(described: described, machineName: machine.name))
        }
        return apply(fresh)
    }

    private func apply(_ fresh: [Execution]) -> Changes {
        let changes = Changes.between(known: &known, fresh: fresh)
        var byArn = Dictionary(executions.map { ($0.arn, $0) }, uniquingKeysWith: { first, _ in first })
        for execution in fresh { byArn[execution.arn] = execution }
        executions = byArn.values.sorted { ($0.startDate ?? .distantPast) > ($1.startDate ?? .distantPast) }
        return changes
    }

    public var runningCount: Int { executions.filter { $0.status == .running }.count }
}
