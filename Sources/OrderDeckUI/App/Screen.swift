/// The dashboard's screens. Orders is the first screen: every other one goes back to it, and
/// `q` there quits.
public enum Screen: String, Sendable, CaseIterable {
    case overview, orders, executions, execution, logs, submit

    /// The tabs, in the order of their number keys.
    static func tabs(readOnly: Bool) -> [Screen] {
        readOnly ? [.overview, .orders, .executions, .logs] : [.overview, .orders, .executions, .logs, .submit]
    }

    /// The number key of a tab (Overview 0, Orders 1 … Submit 4).
    var tabNumber: Int {
        switch self {
        case .overview: return 0
        case .orders: return 1
        case .executions, .execution: return 2
        case .logs: return 3
        case .submit: return 4
        }
    }

    var title: String {
        switch self {
        case .overview: return "Overview"
        case .orders: return "Orders"
        case .executions: return "Executions"
        case .execution: return "Execution"
        case .logs: return "Logs"
        case .submit: return "Submit"
        }
    }
}
