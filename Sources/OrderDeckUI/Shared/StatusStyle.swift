import OrderDeckCore
import TerminalUI

/// Status colours, shared by every screen (order statuses and execution statuses).
enum StatusStyle {
    static func of(_ status: String) -> Style {
        switch status {
        case "SUCCEEDED", "COMPLETED": return Style(foreground: .green)
        case "FAILED", "CANCELLED", "TIMED_OUT", "ABORTED": return Style(foreground: .red, bold: true)
        case "RUNNING", "PENDING": return Style(foreground: .yellow)
        case "UNKNOWN": return Style(foreground: .magenta)
        default: return .plain
        }
    }

    static func of(_ status: ExecutionStatus) -> Style { of(status.rawValue) }
}
