import Foundation
import OrderDeckCore
import TerminalUI

/// The Map Run: what it is and where its items are on top (status, item and child-execution
/// counts, the failures it tolerates, its concurrency), its child executions below.
enum MapRunView {
    /// The lines above the children, as many as `height` leaves room for (the title and status
    /// first, the counts next, the settings last).
    static func headerLines(_ state: DashboardState) -> [(text: String, style: Style)] {
        let screen = state.mapRun
        guard let arn = screen.arn else { return [] }
        // The label is the Map state's name unless the state set its own.
        let name = MapRun.name(fromArn: arn)
        var title = name.hasPrefix(screen.stateName + ":") ? "map run \(name)" : "\(screen.stateName) ▸ map run \(name)"
        if let parent = screen.parent?.arn { title += " of \(parent.name)" }
        var lines: [(String, Style)] = [(title, .title)]
        guard let detail = screen.detail else {
            lines.append(screen.problem.map { ($0, .error) } ?? ("loading map run…", .muted))
            return lines
        }
        let run = detail.run
        var status = "\(run.status.rawValue)  started \(Format.time(run.startDate))"
        status += "  took \(Format.duration(run.elapsed(now: state.now)))"
        if run.redriveCount > 0 { status += "  redriven \(run.redriveCount)x" }
        lines.append((status, StatusStyle.of(run.status).with { $0.bold = true }))
        if let error = screen.error {
            lines.append(("✗ \(error)" + (screen.cause.map { " — \($0)" } ?? ""), .error))
        }
        lines.append(("items       " + run.itemCounts.text, .plain))
        lines.append(("executions  " + run.executionCounts.text, .plain))
        lines.append(
            (
                "\(run.toleranceText) · \(run.concurrencyText) · \(run.itemCounts.resultsWritten) results written",
                .muted
            ))
        if let problem = screen.problem { lines.append(("refresh failed: \(problem)", .error)) }
        return lines
    }

    /// The line over the children: how many, whether filtered, or why they are not listed.
    static func childrenLine(_ state: DashboardState) -> (text: String, style: Style)? {
        guard let detail = state.mapRun.detail else { return nil }
        if let problem = detail.childrenProblem { return ("child executions not listed: \(problem)", .error) }
        var text = "\(detail.children.count)\(detail.moreChildren ? "+" : "") child executions"
        if detail.moreChildren { text += " (the newest \(detail.children.count))" }
        if let filter = state.mapRun.statusFilter { text += "  only \(filter.rawValue)" }
        return (text, .muted)
    }

    /// Where the children's table goes: under the header and its line, when there is room.
    static func tableFrame(_ state: DashboardState, y: Int, height: Int) -> (top: Int, height: Int) {
        let above = min(height, headerLines(state).count + (childrenLine(state) == nil ? 0 : 1))
        return (y + above, max(0, height - above))
    }

    /// Rows of children the table shows: what the movement keys scroll by.
    static func tableRows(_ state: DashboardState) -> Int {
        max(1, tableFrame(state, y: state.layout.bodyTop, height: state.layout.bodyHeight).height - 1)
    }

    static func render(_ state: DashboardState, into buffer: inout ScreenBuffer, y: Int, height: Int) {
        var row = y
        for line in headerLines(state) where row < y + height {
            buffer.write(DisplayWidth.truncate(line.text, to: buffer.width), x: 0, y: row, style: line.style)
            row += 1
        }
        guard let detail = state.mapRun.detail, row < y + height, let line = childrenLine(state) else { return }
        buffer.write(DisplayWidth.truncate(line.text, to: buffer.width), x: 0, y: row, style: line.style)
        let frame = tableFrame(state, y: y, height: height)
        guard detail.childrenProblem == nil, frame.height >= 2 else { return }
        let list = state.mapRun.visible
        let now = state.now
        state.mapRun.table.render(
            into: &buffer, x: 0, y: frame.top, width: buffer.width, height: frame.height,
            row: { MapRunColumns.row(list[$0], now: now) },
            style: { row, column in column == 1 ? StatusStyle.of(list[row].status) : .plain })
        if list.isEmpty && frame.height > 2 {
            buffer.write("no child executions", x: 2, y: frame.top + 1, style: .muted)
        }
    }
}
