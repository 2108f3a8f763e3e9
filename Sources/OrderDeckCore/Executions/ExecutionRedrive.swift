import AWSServices
import Foundation

/// What Step Functions says about an execution's redrives: how often and when last (ListExecutions
/// and DescribeExecution), and whether it can be redriven now, with why not (DescribeExecution
/// only). One model for the lists, the Execution screen, the CLI and the redriver's refusals.
public struct ExecutionRedrive: Sendable, Hashable {
    /// `redriveStatus` as the API writes it; `other` keeps a value this version does not know.
    public enum Status: Sendable, Hashable, CustomStringConvertible {
        case redrivable, notRedrivable, redrivableByMapRun
        case other(String)

        public init(rawValue: String) {
            switch rawValue {
            case "REDRIVABLE": self = .redrivable
            case "NOT_REDRIVABLE": self = .notRedrivable
            case "REDRIVABLE_BY_MAP_RUN": self = .redrivableByMapRun
            default: self = .other(rawValue)
            }
        }

        public var rawValue: String {
            switch self {
            case .redrivable: return "REDRIVABLE"
            case .notRedrivable: return "NOT_REDRIVABLE"
            case .redrivableByMapRun: return "REDRIVABLE_BY_MAP_RUN"
            case .other(let text): return text
            }
        }

        public var description: String { rawValue }
    }

    /// Times it was redriven (0: never).
    public var count: Int
    /// When it was last redriven.
    public var date: Date?
    /// Nil where the service did not say: list rows, Express executions, engines without redrive.
    public var status: Status?
    /// Why it cannot be redriven, when Step Functions says.
    public var reason: String?

    public init(count: Int = 0, date: Date? = nil, status: Status? = nil, reason: String? = nil) {
        self.count = count
        self.date = date
        self.status = status
        self.reason = reason.flatMap { $0.isEmpty ? nil : $0 }
    }

    public init(_ described: StepFunctions.DescribeExecutionOutput) {
        self.init(
            count: described.redriveCount ?? 0, date: described.redriveDate,
            status: described.redriveStatus.map(Status.init(rawValue:)), reason: described.redriveStatusReason)
    }

    public init(_ listed: StepFunctions.ExecutionListItem) {
        self.init(count: listed.redriveCount ?? 0, date: listed.redriveDate)
    }

    /// As a history counts them: its `ExecutionRedriven` events (whether it can be redriven
    /// again only DescribeExecution says).
    public init(history events: [ExecutionEvent]) {
        let redriven = events.filter { $0.type == "ExecutionRedriven" }
        self.init(count: redriven.count, date: redriven.last?.timestamp)
    }

    /// Redriven at least once.
    public var happened: Bool { count > 0 }

    /// "redriven 2×": a list row's note (the dashboard's and the CLI's); nil when never.
    public var note: String? { count > 0 ? "redriven \(count)×" : nil }

    /// ListExecutions' `redriveFilter`: only executions redriven at least once, or never.
    public enum Filter: String, Sendable, CaseIterable {
        case redriven = "REDRIVEN"
        case notRedriven = "NOT_REDRIVEN"
    }
}
