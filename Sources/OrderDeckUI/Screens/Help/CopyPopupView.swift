import TerminalUI

/// The copied value in a box of its own, wrapped over as many rows as it takes (up to the screen),
/// for the operator to select with the terminal (shift-drag when the dashboard has the mouse): for
/// terminals that ignore OSC 52 silently. Nothing of the value is cut while the screen holds it.
enum CopyPopupView {
    static func render(_ value: String, into buffer: inout ScreenBuffer) {
        let title = " copied — if your terminal ignored it, select it here; any key closes "
        let text = TerminalSafe.escape(value)
        let width = min(buffer.width, max(DisplayWidth.of(title), DisplayWidth.of(text)) + 4)
        guard width >= 5, buffer.height >= 3 else { return }
        var lines = ExecutionProblem.wrap(text, width: width - 4)
        let room = buffer.height - 2
        if lines.count > room {
            let hidden = lines.count - room + 1
            lines = Array(lines.prefix(room - 1)) + ["… \(hidden) more lines: widen the terminal to see them"]
        }
        let height = lines.count + 2
        let x = max(0, (buffer.width - width) / 2)
        let y = max(0, (buffer.height - height) / 2)
        let border = Style(foreground: .cyan, bold: true)
        for row in y..<(y + height) { buffer.fill(x: x, y: row, width: width) }
        let horizontal = String(repeating: "─", count: width - 2)
        buffer.write("┌" + horizontal + "┐", x: x, y: y, style: border)
        for (offset, line) in lines.enumerated() {
            buffer.write("│", x: x, y: y + 1 + offset, style: border)
            buffer.write("│", x: x + width - 1, y: y + 1 + offset, style: border)
            buffer.write(line, x: x + 2, y: y + 1 + offset, style: Style(bold: true), maxWidth: width - 4)
        }
        buffer.write("└" + horizontal + "┘", x: x, y: y + height - 1, style: border)
        buffer.write(title, x: x + 1, y: y, style: border, maxWidth: width - 2)
    }
}
