import TerminalUI

/// The copied value in a box of its own, on one line the operator can select with the terminal
/// (shift-drag when the dashboard has the mouse): for terminals that ignore OSC 52 silently.
enum CopyPopupView {
    static func render(_ value: String, into buffer: inout ScreenBuffer) {
        let title = " copied — if your terminal ignored it, select it here; any key closes "
        let text = TerminalSafe.escape(value)
        let width = min(buffer.width, max(DisplayWidth.of(title), DisplayWidth.of(text)) + 4)
        guard width >= 4, buffer.height >= 3 else { return }
        let x = max(0, (buffer.width - width) / 2)
        let y = max(0, (buffer.height - 3) / 2)
        let border = Style(foreground: .cyan, bold: true)
        for row in y..<(y + 3) { buffer.fill(x: x, y: row, width: width) }
        let horizontal = String(repeating: "─", count: width - 2)
        buffer.write("┌" + horizontal + "┐", x: x, y: y, style: border)
        buffer.write("│", x: x, y: y + 1, style: border)
        buffer.write("│", x: x + width - 1, y: y + 1, style: border)
        buffer.write("└" + horizontal + "┘", x: x, y: y + 2, style: border)
        buffer.write(title, x: x + 1, y: y, style: border, maxWidth: width - 2)
        buffer.write(text, x: x + 2, y: y + 1, style: Style(bold: true), maxWidth: width - 4)
    }
}
