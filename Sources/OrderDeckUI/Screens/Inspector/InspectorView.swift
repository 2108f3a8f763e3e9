import OrderDeckCore
import TerminalUI

/// The foldable JSON view over the screen body: one row per member, folded containers summarised.
enum InspectorView {
    static func render(_ inspector: JSONInspector, into buffer: inout ScreenBuffer, y: Int, height: Int) {
        for row in y..<(y + height) { buffer.fillRow(row) }
        buffer.write(inspector.title, x: 0, y: y, style: .title, maxWidth: buffer.width)
        let rows = height - 1
        guard rows > 0 else { return }
        let lines = inspector.lines
        let top = min(inspector.table.top, max(0, lines.count - 1))
        for (offset, index) in (top..<min(lines.count, top + rows)).enumerated() {
            let line = lines[index]
            let row = y + 1 + offset
            let selected = index == inspector.table.selected
            if selected { buffer.fill(x: 0, y: row, width: buffer.width, style: .selected) }
            let base: Style = selected ? .selected : .plain
            var x = line.depth * 2
            let marker = line.kind == .open && line.isContainer ? (line.isFolded ? "▸ " : "▾ ") : "  "
            x += buffer.write(marker, x: x, y: row, style: base.with { $0.foreground = .magenta })
            if let key = line.key {
                x += buffer.write(
                    JSONValue.string(key).description, x: x, y: row, style: selected ? base : Style(foreground: .cyan))
                x += buffer.write(": ", x: x, y: row, style: base)
            }
            let style: Style
            switch line.kind {
            case .string: style = Style(foreground: .green)
            case .number, .literal: style = Style(foreground: .yellow)
            case .open where line.isFolded: style = .muted
            case .open, .close: style = .plain
            }
            buffer.write(line.text, x: x, y: row, style: selected ? base : style, maxWidth: max(0, buffer.width - x))
        }
        if lines.count > rows {
            let position = " \(inspector.table.selected + 1)/\(lines.count) "
            buffer.write(position, x: max(0, buffer.width - DisplayWidth.of(position)), y: y, style: .muted)
        }
    }
}
