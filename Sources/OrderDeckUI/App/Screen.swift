/// The dashboard's screens. Orders is the first screen: every other one goes back to it, and
/// `q` there quits.
public enum Screen: String, Sendable, CaseIterable {
    case orders, executions, execution, logs, submit

    /// The tabs, in the order of their number keys.
    static func tabs(readOnly: Bool) -> [Screen] {
        readOnly ? [.orders, .executions, .logs] : [.orders, .executions, .logs, .submit]
    }

    var title: String {
        switch self {
        case .orders: return "Orders"
        case .executions: return "Executions"
        case .execution: return "Execution"
        case .logs: return "Logs"
        case .submit: return "Submit"
        }
    }
}
