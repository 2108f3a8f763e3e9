import OrderDeckCore
import TerminalUI

/// Status colours, shared by every screen (order statuses and execution statuses): ended well in
/// green, badly in bold red, still going in yellow, unknown in magenta.
enum StatusStyle {
    static let good = Style(foreground: .green)
    static let bad = Style(foreground: .red, bold: true)
    static let going = Style(foreground: .yellow)
    static let unknown = Style(foreground: .magenta)

    static func of(_ status: ExecutionStatus) -> Style {
        switch status {
        case .succeeded: return good
        case .failed, .timedOut, .aborted: return bad
        case .running: return going
        case .unknown: return unknown
        case .pendingRedrive: return .plain
        case .other(let text):
            // An order's status in an execution's place keeps its colour.
            if case .other = OrderStatus(rawValue: text) { return .plain }
            return of(OrderStatus(rawValue: text))
        }
    }

    static func of(_ status: OrderStatus) -> Style {
        switch status {
        case .completed: return good
        case .cancelled: return bad
        case .pending: return going
        case .unknown: return unknown
        case .other(let text):
            // An execution's status in an order's place keeps its colour.
            if case .other = ExecutionStatus(rawValue: text) { return .plain }
            return of(ExecutionStatus(rawValue: text))
        }
    }
}
