import OrderDeckCore
import TerminalUI

/// The foldable JSON view over the screen body: one row per member, folded containers summarised.
enum InspectorView {
    /// The widest indent: a third of the screen.
    static func maxIndent(_ width: Int) -> Int { max(8, width / 3) }

    static func render(_ inspector: JSONInspector, into buffer: inout ScreenBuffer, y: Int, height: Int) {
        for row in y..<(y + height) { buffer.fillRow(row) }
        buffer.write(inspector.title, x: 0, y: y, style: .title, maxWidth: buffer.width)
        let rows = height - 1
        guard rows > 0 else { return }
        let lines = inspector.lines
        let top = min(inspector.table.top, max(0, lines.count - 1))
        var row = y
        for index in top..<min(lines.count, top + rows) {
            row += 1
            guard row < y + height else { break }
            let line = lines[index]
            let selected = index == inspector.table.selected
            if selected { buffer.fill(x: 0, y: row, width: buffer.width, style: .selected) }
            let base: Style = selected ? .selected : .plain
            // Past a third of the width the indent stops growing and the depth is written
            // instead, so a payload nested 500 levels deep is still read on an 80-column screen.
            let cap = Self.maxIndent(buffer.width)
            var x = min(line.depth * 2, cap)
            if line.depth * 2 > cap {
                let label = "depth \(line.depth) "
                buffer.write(label, x: max(0, cap - label.count), y: row, style: selected ? base : .muted)
            }
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
            // A value longer than the row: the selected one is wrapped over the rows below (a whole
            // cause is read here), any other ends in "…" so a cut is never mistaken for whole.
            let room = max(0, buffer.width - x)
            guard selected, DisplayWidth.of(line.text) > room, room > 8 else {
                buffer.write(
                    DisplayWidth.truncate(line.text, to: room), x: x, y: row, style: selected ? base : style,
                    maxWidth: room)
                continue
            }
            var wrapped = ExecutionProblem.wrap(TerminalSafe.escape(line.text), width: room)
            let fits = y + height - row
            if wrapped.count > fits {
                wrapped = Array(wrapped.prefix(max(1, fits - 1))) + ["… y copies it whole"]
            }
            for (offset, part) in wrapped.enumerated() {
                if offset > 0 {
                    row += 1
                    buffer.fill(x: 0, y: row, width: buffer.width, style: .selected)
                }
                buffer.write(part, x: x, y: row, style: base, maxWidth: room)
            }
        }
        if lines.count > rows {
            let position = " \(inspector.table.selected + 1)/\(lines.count) "
            buffer.write(position, x: max(0, buffer.width - DisplayWidth.of(position)), y: y, style: .muted)
        }
    }
}
