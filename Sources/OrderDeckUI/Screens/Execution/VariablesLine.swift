import OrderDeckCore
import TerminalUI

/// One line under the timeline for the selected state: the variables it assigned as it left, and
/// those in scope when it began (what the states before it on its path assigned). `i` shows them
/// whole.
enum VariablesLine {
    /// "assigned $x=42 $items=[1,2,3] · in scope $ItemsVar=1"; nil when there are none either way.
    static func text(_ screen: ExecutionScreen) -> String? {
        guard let step = screen.selectedStep else { return nil }
        let scope = screen.timeline.variablesInScope(at: step.enteredEventId)
        var parts: [String] = []
        if let assigned = step.assigned {
            let pairs = assigned.names.map { "$\($0)=\(assigned.values[$0] ?? "")" }
            parts.append((["assigned"] + pairs + (assigned.truncated ? ["(truncated)"] : [])).joined(separator: " "))
        }
        if !scope.isEmpty {
            parts.append((["in scope"] + scope.map { "$\($0.name)=\($0.value)" }).joined(separator: " "))
        }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }

    static func render(_ text: String, into buffer: inout ScreenBuffer, y: Int) {
        buffer.write(
            DisplayWidth.truncate(TerminalSafe.escape(text), to: buffer.width), x: 0, y: y,
            style: Style(foreground: .cyan))
    }
}
