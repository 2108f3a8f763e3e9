import Foundation
import OrderDeckCore

extension DashboardState {
    /// `L`'s answer: the function's lines while the state ran, in the inspector (wrapped,
    /// scrollable, copyable), each with its time; none is said, not shown as an empty popup.
    mutating func showFunctionLogs(_ window: FunctionLogWindow, _ lines: [TailedEvent]) {
        guard !lines.isEmpty else {
            say("\(window.group): nothing logged while \(window.state) ran (± \(Int(FunctionLogWindow.slack)) s)")
            return
        }
        let values = lines.sorted { $0.timestamp < $1.timestamp }.map { line -> JSONValue in
            let time = Format.time(Date(timeIntervalSince1970: Double(line.timestamp) / 1000))
            return .string("\(time)  \(line.message.trimmingCharacters(in: .newlines))")
        }
        inspector = JSONInspector(
            title: "\(window.group) while \(window.state) ran (\(lines.count) lines)", value: .array(values))
    }
}
