import TerminalUI

/// The help overlay: every key of the current screen (from its key table) in a bordered box
/// whose inside is cleared, so nothing of the screen shows through beside the text.
enum HelpView {
    static func render(_ state: DashboardState, into buffer: inout ScreenBuffer) {
        let lines = state.helpLines
        let title = " keys: \(state.inspector != nil ? "inspector" : state.screen.rawValue) — any key closes "
        let textWidth = max(DisplayWidth.of(title), lines.map { DisplayWidth.of($0) }.max() ?? 20)
        let width = min(buffer.width, textWidth + 4)
        let height = min(buffer.height, lines.count + 2)
        let x = max(0, (buffer.width - width) / 2)
        let y = max(0, (buffer.height - height) / 2)
        let border = Style(foreground: .cyan, bold: true)
        for row in y..<(y + height) { buffer.fill(x: x, y: row, width: width) }
        guard width >= 2, height >= 2 else { return }
        let horizontal = String(repeating: "─", count: width - 2)
        buffer.write("┌" + horizontal + "┐", x: x, y: y, style: border)
        buffer.write("└" + horizontal + "┘", x: x, y: y + height - 1, style: border)
        for row in (y + 1)..<(y + height - 1) {
            buffer.write("│", x: x, y: row, style: border)
            buffer.write("│", x: x + width - 1, y: row, style: border)
        }
        buffer.write(title, x: x + 1, y: y, style: border, maxWidth: width - 2)
        for (index, line) in lines.prefix(height - 2).enumerated() {
            buffer.write(line, x: x + 2, y: y + 1 + index, maxWidth: max(0, width - 4))
        }
    }
}
