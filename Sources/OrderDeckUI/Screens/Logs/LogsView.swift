import OrderDeckCore
import TerminalUI

enum LogsView {
    /// Rows of log lines shown (the wrapped selected line takes a third of the body).
    static func tableRows(_ layout: Layout, state: LogsScreen) -> Int {
        max(1, layout.bodyHeight - 2 - detailHeight(layout.bodyHeight, state: state))
    }

    static func detailHeight(_ bodyHeight: Int, state: LogsScreen) -> Int {
        state.wrap && state.selected != nil ? max(2, bodyHeight / 3) : 0
    }

    static func render(_ state: DashboardState, into buffer: inout ScreenBuffer, y: Int, height: Int) {
        let screen = state.logs
        var x = buffer.write("\(screen.visible.count) log events  ", x: 0, y: y, style: .title)
        if screen.following {
            x += buffer.write("following  ", x: x, y: y, style: Style(foreground: .green))
        } else {
            let why = screen.paused ? "PAUSED" : "scrolled up"
            let news = screen.unseen > 0 ? " — \(screen.unseen) new ↓" : ""
            x += buffer.write("\(why)\(news)  ", x: x, y: y, style: Style(foreground: .yellow, bold: true))
        }
        if let execution = screen.execution {
            x += buffer.write("only execution \(execution.name) (esc: back)  ", x: x, y: y, style: .highlight)
        }
        if !screen.filter.isEmpty { x += buffer.write("filter \(screen.filter)  ", x: x, y: y, style: .highlight) }
        if !screen.search.isEmpty {
            let position =
                screen.searchPosition.map { $0.total == 0 ? " (no match)" : " (\($0.index) of \($0.total))" } ?? ""
            x += buffer.write("search \(screen.search)\(position)  ", x: x, y: y, style: .muted)
        }
        // Last: how the lines are followed gives way to what narrows them when the line is short.
        if let mode = screen.mode {
            buffer.write("\(mode)", x: x, y: y, style: mode.isLiveTail ? Style(foreground: .green) : .muted)
        }
        let events = screen.visible
        let detail = detailHeight(height, state: screen)
        screen.table.render(
            into: &buffer, x: 0, y: y + 1, width: buffer.width, height: height - 1 - detail,
            row: { LogsColumns.row(events[$0]) },
            style: { row, column in
                guard column == 2, let record = events[row].record else { return .plain }
                let type = record.event.type
                if type.hasSuffix("Failed") || type.hasSuffix("TimedOut") || type.hasSuffix("Aborted") { return .error }
                if type.hasSuffix("Succeeded") { return Style(foreground: .green) }
                return .plain
            },
            matcher: TextMatcher(screen.search))
        if let selected = screen.selected, detail > 0 {
            // The selected line in full, wrapped, its JSON pretty-printed.
            JSONPane.render(
                title: "selected event", text: selected.message, into: &buffer, x: 0, y: y + height - detail,
                width: buffer.width, height: detail)
        }
    }
}
