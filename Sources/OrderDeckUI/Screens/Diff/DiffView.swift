import OrderDeckCore
import TerminalUI

/// The Diff screen: a heading naming A and B, then `ExecutionDiffText`'s lines (the summary
/// first), scrolled; where the paths part and what differs stand out.
enum DiffView {
    static func render(_ state: DashboardState, into buffer: inout ScreenBuffer, y: Int, height: Int) {
        let screen = state.diff
        var x = buffer.write("Diff ", x: 0, y: y, style: .title)
        x += buffer.write("A: \(TerminalSafe.escape(screen.labelA))  ", x: x, y: y)
        x += buffer.write("B: \(TerminalSafe.escape(screen.labelB))  ", x: x, y: y)
        if screen.strict { buffer.write("strict", x: x, y: y, style: .highlight) }
        if let problem = screen.problem {
            buffer.write("could not read the histories: \(problem)", x: 0, y: y + 1, style: .error)
            return
        }
        if screen.isLoading {
            let waiting =
                screen.isReplay
                ? "replaying on the local engine (LocalStack on loopback; its first start takes a few seconds)…"
                : "reading both histories…"
            buffer.write(waiting, x: 0, y: y + 1, style: .muted)
            return
        }
        let lines = Self.lines(state)
        guard !lines.isEmpty else {
            buffer.write("nothing to compare", x: 0, y: y + 1, style: .muted)
            return
        }
        let rows = max(0, height - 1)
        for (offset, line) in lines.dropFirst(screen.scroll).prefix(rows).enumerated() {
            let row = y + 1 + offset
            buffer.write(line, x: 0, y: row, style: style(line, first: offset == 0 && screen.scroll == 0))
            // A state that differs: its mark stands out, the line stays readable.
            if line.hasPrefix("≠") { buffer.write("≠", x: 0, y: row, style: .highlight) }
        }
    }

    /// The text, as wide as the terminal.
    static func lines(_ state: DashboardState) -> [String] {
        guard let diff = state.diff.diff else { return [] }
        let compared = ExecutionDiffText.lines(
            diff, labels: (state.diff.labelA, state.diff.labelB), width: state.size.width)
        return state.diff.notes.map { TerminalSafe.escape($0) } + compared
    }

    /// Rows of text below the heading.
    static func bodyRows(_ state: DashboardState) -> Int { state.layout.bodyHeight - 1 }

    static func style(_ line: String, first: Bool) -> Style {
        if first { return .title }
        if line.hasPrefix("»") { return .error }
        if line.hasPrefix("  STATE") { return .muted }
        return .plain
    }
}
