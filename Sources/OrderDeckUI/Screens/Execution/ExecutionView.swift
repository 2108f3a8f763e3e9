import OrderDeckCore
import TerminalUI

enum ExecutionView {
    /// Where the table goes in the body: under the ARN, the status and (when failed) the failure.
    static func tableFrame(_ state: DashboardState, y: Int, height: Int) -> (top: Int, height: Int) {
        let screen = state.execution
        let problem = problemLines(state, height: height).count + redriveLines(state).count
        let top = y + 2 + problem + (screen.isDrilled && !screen.raw ? 1 : 0)
        let remaining = max(1, y + height - top)
        if screen.raw { return (top, remaining) }
        return (top, min(remaining, max(3, min(remaining / 2 + 1, screen.rows.count + 1))))
    }

    /// The failure (or the abort) wrapped in full, using up to half the body.
    static func problemLines(_ state: DashboardState, height: Int) -> [String] {
        ExecutionProblem.lines(state.execution, width: state.size.width, limit: max(1, height / 2 - 1))
    }

    /// The redrive line (redrives so far; whether `R` would redrive, or why not), wrapped: at most
    /// two rows, the second cut with an ellipsis (`i` on the execution is not where it lives: the
    /// refusal is short, the reason Step Functions gives rarely long).
    /// Left out on a short terminal (under 12 body rows), where the failing state's row comes first
    /// (a trial at 40x12 saw the error and this line leave no table rows); `R` still says it.
    static func redriveLines(_ state: DashboardState) -> [String] {
        guard state.layout.bodyHeight >= 12, let execution = state.execution.execution,
            let line = state.redriveLine(execution)
        else { return [] }
        let lines = ExecutionProblem.wrap(TerminalSafe.escape(line), width: max(1, state.size.width))
        guard lines.count > 2 else { return lines }
        return [lines[0], DisplayWidth.truncate(lines[1] + " " + lines[2], to: state.size.width)]
    }

    /// Rows of states (or events) the table shows: what the movement keys scroll by.
    static func tableRows(_ state: DashboardState) -> Int {
        max(1, tableFrame(state, y: state.layout.bodyTop, height: state.layout.bodyHeight).height - 1)
    }

    static func render(_ state: DashboardState, into buffer: inout ScreenBuffer, y: Int, height: Int) {
        let screen = state.execution
        guard let arn = screen.arn else { return }
        // Too long for the row: the front goes, the execution's name (its end) stays.
        buffer.write(DisplayWidth.truncateFront(arn.rawValue, to: buffer.width), x: 0, y: y, style: .title)
        guard let execution = screen.execution else {
            buffer.write("loading execution…", x: 0, y: y + 1, style: .muted)
            return
        }
        var x = buffer.write(
            execution.status.rawValue, x: 0, y: y + 1, style: StatusStyle.of(execution.status).with { $0.bold = true })
        let took = Format.duration(execution.elapsed(now: state.now))
        x += buffer.write("  started \(Format.time(execution.startDate))  took \(took)", x: x, y: y + 1)
        x += ExecutionDefinitionLine.render(execution, into: &buffer, x: x, y: y + 1)
        if execution.isExpress { x += buffer.write("  Express: rebuilt from logs", x: x, y: y + 1, style: .muted) }
        if execution.isPartial {
            x += buffer.write("  PARTIAL RECORD", x: x, y: y + 1, style: Style(foreground: .magenta, bold: true))
        }
        if execution.isTruncated { buffer.write("  payload truncated", x: x, y: y + 1, style: .muted) }
        var row = y + 2
        for line in problemLines(state, height: height) {
            buffer.write(
                line, x: 0, y: row,
                style: screen.timeline.failure != nil ? .error : Style(foreground: .yellow, bold: true))
            row += 1
        }
        for line in redriveLines(state) {
            buffer.write(line, x: 0, y: row, style: Style(foreground: .yellow))
            row += 1
        }
        if screen.isDrilled && !screen.raw {
            let title = "◂ " + screen.breadcrumb
            let x = buffer.write(title, x: 0, y: row, style: Style(foreground: .cyan, bold: true))
            buffer.write("   [ ] previous/next  q up", x: x, y: row, style: .muted)
        }
        let frame = tableFrame(state, y: y, height: height)
        if screen.raw {
            renderEvents(screen, into: &buffer, top: frame.top, height: frame.height)
            return
        }
        TimelineTable.render(
            screen, execution: execution, now: state.now, into: &buffer, top: frame.top, height: frame.height)
        // Input and output of the selected state, side by side when there is room.
        var paneTop = frame.top + frame.height
        var paneHeight = y + height - paneTop
        guard paneHeight >= 2, var pane = selectedPane(screen) else { return }
        // The variables the selected state assigned and could read, on a line of their own.
        if paneHeight >= 4, let variables = VariablesLine.text(screen) {
            VariablesLine.render(variables, into: &buffer, y: paneTop)
            paneTop += 1
            paneHeight -= 1
        }
        // What changed first: the input against the execution's input, the output against the
        // state's input — the decisive field of a failed order without scrolling.
        pane.input = withChangesFirst(pane.input, since: execution.input, madeBy: precedingSteps(screen))
        pane.output = withChangesFirst(pane.output, since: pane.originalInput)
        let sideBySide = buffer.width >= 60
        let paneWidth = sideBySide ? (buffer.width - 1) / 2 : buffer.width
        JSONPane.render(
            title: pane.title, text: pane.input, into: &buffer, x: 0, y: paneTop, width: paneWidth,
            height: sideBySide ? paneHeight : paneHeight / 2)
        if sideBySide {
            JSONPane.render(
                title: "output", text: pane.output, into: &buffer, x: paneWidth + 1, y: paneTop, width: paneWidth,
                height: paneHeight)
        } else {
            JSONPane.render(
                title: "output", text: pane.output, into: &buffer, x: 0, y: paneTop + paneHeight / 2, width: paneWidth,
                height: paneHeight - paneHeight / 2)
        }
    }

    /// Input and output of the selected state; of an iteration or branch, what went in and came out.
    static func selectedPane(_ screen: ExecutionScreen) -> (
        title: String, input: String?, output: String?, originalInput: String?
    )? {
        if let step = screen.selectedStep { return ("input of \(step.name)", step.input, step.output, step.input) }
        if let (_, group) = screen.selectedGroup {
            let input = group.steps.first?.input
            return ("input of \(group.label)", input, group.steps.last?.output, input)
        }
        return nil
    }

    /// The document pretty-printed, after the leaves that differ from `reference` (marked `+`
    /// added, `~` changed, `-` removed) — those the latest of `steps` made first; the document
    /// alone when nothing differs.
    static func withChangesFirst(
        _ text: String?, since reference: String?, madeBy steps: [(input: String?, output: String?)] = []
    ) -> String? {
        guard let text, let value = try? JSONValue.parse(text) else { return text }
        let changes = JSONChanges.newestFirst(JSONChanges.between(reference, text), madeBy: steps)
        guard !changes.isEmpty, reference != nil else { return text }
        return (changes.map(\.line) + [value.prettyText]).joined(separator: "\n")
    }

    /// The states before the selected one at this level (the last 30): whose changes come first.
    static func precedingSteps(_ screen: ExecutionScreen) -> [(input: String?, output: String?)] {
        guard case .steps(let steps) = screen.rows, steps.indices.contains(screen.table.selected) else { return [] }
        return steps[max(0, screen.table.selected - 30)..<screen.table.selected].map { ($0.input, $0.output) }
    }

    /// The raw events; a task's scheduled/started rows name their state and their resource.
    static func renderEvents(_ screen: ExecutionScreen, into buffer: inout ScreenBuffer, top: Int, height: Int) {
        let events = screen.events
        let states = screen.stateOfEvent
        screen.table.render(
            into: &buffer, x: 0, y: top, width: buffer.width, height: height,
            row: { index in
                let event = events[index]
                return [
                    String(event.id), Format.clock(event.timestamp), event.type,
                    event.stateName ?? states[event.id] ?? "", detail(of: event),
                ]
            })
    }

    static func detail(of event: ExecutionEvent) -> String {
        if let error = event.error { return [error, event.cause].compactMap { $0 }.joined(separator: ": ") }
        if let resource = event.details["resource"]?.stringValue {
            let type = event.details["resourceType"]?.stringValue
            return [type, resource].compactMap { $0 }.joined(separator: ":")
        }
        return event.output ?? event.input ?? ""
    }
}
