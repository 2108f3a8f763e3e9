import AWSServices
import Foundation

/// A bulk redrive, worked out before anything is sent: every execution of the chosen machines
/// that ended badly (FAILED, TIMED_OUT, ABORTED, or the statuses asked for) since a time, each
/// described and checked as a single redrive would be — the ones that would go, and the ones left
/// out with the redriver's reason. Express machines are named as left out: their executions are
/// not redrivable (re-run them as new orders).
public struct RedrivePlan: Sendable {
    public struct Entry: Sendable, Equatable {
        public var execution: Execution
        public var standing: ExecutionRedriver.Standing?
        /// Why it would be refused (nil: it goes).
        public var refusal: String?
    }

    public var entries: [Entry]
    /// Express machines among those asked for: nothing of theirs can be redriven.
    public var expressMachines: [String]

    /// The entries that would be redriven.
    public var chosen: [Entry] { entries.filter { $0.refusal == nil } }

    /// Lists and checks. `statuses` empty: every status that ended badly. `notRedrivenOnly`:
    /// ListExecutions' `redriveFilter` NOT_REDRIVEN (leave the ones already redriven alone).
    public static func make(
        session: StackSession, machines: [MachineListing], statuses: [ExecutionStatus] = [], since: Date?,
        notRedrivenOnly: Bool = false, limit: Int = 1000
    ) async throws -> RedrivePlan {
        let wanted = statuses.isEmpty ? [ExecutionStatus.failed, .timedOut, .aborted] : statuses
        var found: [Execution] = []
        var express: [String] = []
        for machine in machines {
            guard machine.type == .standard else {
                express.append(machine.name)
                continue
            }
            for status in wanted {
                page: for try await page in session.stepFunctions.listExecutions(
                    stateMachineArn: machine.arn, statusFilter: status.rawValue,
                    redriveFilter: notRedrivenOnly ? "NOT_REDRIVEN" : nil)
                {
                    // Newest first: the first one older than `since` ends this status's listing.
                    for item in page {
                        if let since, item.startDate < since { break page }
                        found.append(Execution(listItem: item, machineName: machine.name))
                        if found.count >= limit { break page }
                    }
                }
            }
        }
        let listed = found.sorted { ($0.startDate ?? .distantPast) > ($1.startDate ?? .distantPast) }
        let redriver = ExecutionRedriver(session: session)
        // Described a few at a time: what the redrive itself would check, said before anything goes.
        var entries: [Entry] = []
        try await inOrderConcurrently(listed, concurrency: 4) { execution in
            let (standing, refusal) = try await redriver.check(execution.arn)
            return Entry(execution: execution, standing: standing, refusal: refusal)
        } _: {
            entries.append($0)
        }
        return RedrivePlan(entries: entries, expressMachines: express)
    }
}
