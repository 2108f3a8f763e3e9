import OrderDeckCore
import TerminalUI

/// What the execution ran, on its status line: the version and alias ("version 7 via alias
/// prod") and the definition's query language ("JSONata", "JSONPath (JSONata in Transform)").
enum ExecutionDefinitionLine {
    /// The text after the status line's figures; nil when neither is known.
    static func text(_ execution: Execution) -> String? {
        let parts = [execution.versionSentence, execution.queryLanguages.map { "query: \($0.text)" }].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: "  ")
    }

    /// Draws it at `x` and returns the width written.
    static func render(_ execution: Execution, into buffer: inout ScreenBuffer, x: Int, y: Int) -> Int {
        guard let text = text(execution) else { return 0 }
        return buffer.write("  " + TerminalSafe.escape(text), x: x, y: y, style: Style(foreground: .cyan))
    }
}
