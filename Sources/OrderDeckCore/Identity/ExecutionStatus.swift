/// An execution's status as Step Functions reports it (`UNKNOWN`: rebuilt from logs that stop
/// without a final event, too long ago to be still running).
/// Not `ExpressibleByStringLiteral` here: a typo ("SUCEEDED") would compile as `.other`. Tests,
/// which read as the API writes, get that conversion from TestSupport.
public enum ExecutionStatus: Hashable, Sendable, CustomStringConvertible {
    case running, succeeded, failed, timedOut, aborted, pendingRedrive, unknown
    /// A status this version does not know: kept, shown as AWS wrote it.
    case other(String)

    /// The statuses an operator filters by, in the order the filter key cycles through them.
    public static let filterable: [ExecutionStatus] = [.running, .succeeded, .failed, .timedOut, .aborted]

    /// Every status Step Functions reports, as it writes them.
    public static let known: [ExecutionStatus] = [.running, .succeeded, .failed, .timedOut, .aborted, .pendingRedrive]

    public init(rawValue: String) {
        switch rawValue {
        case "RUNNING": self = .running
        case "SUCCEEDED": self = .succeeded
        case "FAILED": self = .failed
        case "TIMED_OUT": self = .timedOut
        case "ABORTED": self = .aborted
        case "PENDING_REDRIVE": self = .pendingRedrive
        case "UNKNOWN": self = .unknown
        default: self = .other(rawValue)
        }
    }

    public var rawValue: String {
        switch self {
        case .running: return "RUNNING"
        case .succeeded: return "SUCCEEDED"
        case .failed: return "FAILED"
        case .timedOut: return "TIMED_OUT"
        case .aborted: return "ABORTED"
        case .pendingRedrive: return "PENDING_REDRIVE"
        case .unknown: return "UNKNOWN"
        case .other(let text): return text
        }
    }

    /// Ended badly: what an operator looks at first.
    public var isFailure: Bool { self == .failed || self == .timedOut || self == .aborted }
    public var isFinal: Bool { self != .running && self != .pendingRedrive }

    public var description: String { rawValue }
}

/// Written as AWS spells it (the submission journal keeps the status an execution ended with).
extension ExecutionStatus: Codable {
    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
