/// An order's status as the order workflow writes it to the ORDER table's `orderStatus`:
/// InitializeOrder writes PENDING, then the workflow completes or cancels it
/// (config/statemachines/order-workflow.asl.json).
/// Not `ExpressibleByStringLiteral` here: a typo ("CANCELED") would compile as `.other`. Tests get
/// that conversion from TestSupport.
public enum OrderStatus: Hashable, Sendable, Comparable, CustomStringConvertible {
    case pending, completed, cancelled
    /// The item has no `orderStatus` (shown as UNKNOWN).
    case unknown
    /// A status the workflow does not write: kept, shown as stored.
    case other(String)

    /// The statuses the order workflow writes, in the order it writes them.
    public static let known: [OrderStatus] = [.pending, .completed, .cancelled]

    public init(rawValue: String) {
        switch rawValue {
        case "PENDING": self = .pending
        case "COMPLETED": self = .completed
        case "CANCELLED": self = .cancelled
        case "UNKNOWN": self = .unknown
        default: self = .other(rawValue)
        }
    }

    public var rawValue: String {
        switch self {
        case .pending: return "PENDING"
        case .completed: return "COMPLETED"
        case .cancelled: return "CANCELLED"
        case .unknown: return "UNKNOWN"
        case .other(let text): return text
        }
    }

    public var description: String { rawValue }

    /// By name, as the status column sorts.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
