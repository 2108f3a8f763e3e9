import Foundation
import OrderDeckCore
import TerminalUI

/// Pretty, syntax-coloured JSON in a box-less pane (long payloads cut at the pane's end).
enum JSONPane {
    static func render(
        title: String, text: String?, into buffer: inout ScreenBuffer, x: Int, y: Int, width: Int, height: Int
    ) {
        guard height > 0, width > 0 else { return }
        buffer.style(x: x, y: y, width: width, style: Style(underline: true))
        buffer.write(title, x: x, y: y, style: Style(foreground: .cyan, underline: true), maxWidth: width)
        guard let text else {
            if height > 1 { buffer.write("(none)", x: x, y: y + 1, style: .muted, maxWidth: width) }
            return
        }
        let pretty = (try? JSONValue.parse(text))?.prettyText ?? text
        let lines = pretty.split(separator: "\n", omittingEmptySubsequences: false)
        // Long lines wrap (a 256 KB message fills the pane, it is not cut at its first row); only
        // the rows that fit are ever computed.
        var row = y + 1
        var lineOfRow: [Int] = []  // which line each drawn row belongs to
        var cut = false
        outer: for (index, line) in lines.enumerated() {
            var rest = Substring(TerminalSafe.escape(String(line.prefix(width * height * 2))))
            var first = true
            repeat {
                if row >= y + height {
                    cut = true
                    break outer
                }
                let chunk = Self.prefix(rest, width: width)
                buffer.write(String(chunk), x: x, y: row, maxWidth: width)
                if first { colour(String(chunk), into: &buffer, x: x, y: row, width: width) }
                rest = rest[chunk.endIndex...]
                first = false
                lineOfRow.append(index)
                row += 1
            } while !rest.isEmpty
        }
        if cut, height > 1, let hiddenFrom = lineOfRow.last {
            // The last row gives way to the note: from its line on, the rest is hidden.
            let startedAbove = lineOfRow.count > 1 && lineOfRow[lineOfRow.count - 2] == hiddenFrom
            let hidden = lines.count - hiddenFrom
            let note = hidden == 1 && startedAbove ? "… (cut)" : "… \(hidden) more lines"
            buffer.write(
                note.padding(toLength: width, withPad: " ", startingAt: 0), x: x, y: y + height - 1, style: .muted,
                maxWidth: width)
        }
    }

    /// The longest prefix of `text` that fits `width` display columns (at least one character).
    static func prefix(_ text: Substring, width: Int) -> Substring {
        var used = 0
        var end = text.startIndex
        while end < text.endIndex {
            let w = DisplayWidth.of(text[end])
            if used + w > width, end > text.startIndex { break }
            used += w
            end = text.index(after: end)
        }
        return text[..<end]
    }

    /// Keys cyan, strings green, numbers and literals yellow.
    static func colour(_ line: String, into buffer: inout ScreenBuffer, x: Int, y: Int, width: Int) {
        // A change line (what the state added, changed or removed) in its colour, bold.
        for (marker, colour) in [("+ ", Style.Color.green), ("~ ", .yellow), ("- ", .red)] where line.hasPrefix(marker)
        {
            buffer.style(
                x: x, y: y, width: min(DisplayWidth.of(line), width), style: Style(foreground: colour, bold: true))
            return
        }
        let trimmed = line.drop { $0 == " " }
        let indent = line.count - trimmed.count
        if trimmed.hasPrefix("\""), let close = trimmed.dropFirst().firstIndex(of: "\""),
            trimmed[trimmed.index(after: close)...].hasPrefix(":")
        {
            let keyLength = trimmed.distance(from: trimmed.startIndex, to: close) + 1
            buffer.style(x: x + indent, y: y, width: min(keyLength, width - indent), style: Style(foreground: .cyan))
            let valueStart = indent + keyLength + 2
            let value = line.dropFirst(valueStart)
            let style: Style =
                value.hasPrefix("\"")
                ? Style(foreground: .green)
                : (value.first.map { "{[".contains($0) } == true ? .plain : Style(foreground: .yellow))
            if valueStart < width {
                buffer.style(x: x + valueStart, y: y, width: min(value.count, width - valueStart), style: style)
            }
        }
    }
}
