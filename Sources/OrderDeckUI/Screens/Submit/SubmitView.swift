import OrderDeckCore
import TerminalUI

enum SubmitView {
    static func render(_ state: DashboardState, into buffer: inout ScreenBuffer, y: Int, height: Int) {
        let screen = state.submit
        let door = screen.door(among: state.stack.doors)
        let id = door.assignsTheOrderId ? "the queue gives its id" : "a fresh id is added"
        let title =
            state.submit.rerunOf.map { "Re-run of order \($0) as a new order (its input; \(id))" }
            ?? "New order (template, \(id))"
        let x = buffer.write(title, x: 0, y: y, style: .title)
        buffer.write("  via \(door.label)", x: x, y: y, style: .muted)
        let fields = screen.fields
        let nameWidth = min(24, max(8, fields.map { DisplayWidth.of($0.name) }.max() ?? 8))
        for (index, field) in fields.enumerated() where 1 + index < height {
            let style = index == screen.field ? Style.selected : Style.plain
            let name = DisplayWidth.truncate(field.name, to: nameWidth)
            let padded = name + String(repeating: " ", count: nameWidth - DisplayWidth.of(name))
            let x = buffer.write(" \(padded) ", x: 0, y: y + 1 + index, style: style.with { $0.bold = true })
            buffer.write(
                DisplayWidth.truncate(field.value, to: max(0, buffer.width - x)), x: x, y: y + 1 + index, style: style)
        }
        var row = y + 2 + fields.count
        if let submission = screen.last, row < y + height {
            let verb = screen.lastWasResend ? "last (re-send)" : "last"
            buffer.write(
                "\(verb): \(submission.outcome(inProcess: true))  request \(submission.requestId ?? "-")", x: 0, y: row,
                style: submission.isAccepted ? Style(foreground: .green) : .error)
            row += 1
            if let arn = submission.executionArn, row < y + height {
                buffer.write("execution \(ExecutionARN(arn).name)", x: 0, y: row, style: .muted)
                row += 1
            }
            // Submit and watch: the new execution's states as they happen.
            if let execution = state.execution.execution, execution.arn.rawValue == submission.executionArn,
                row < y + height
            {
                var segments: [(text: String, style: Style)] = [
                    (execution.status.rawValue, StatusStyle.of(execution.status).with { $0.bold = true })
                ]
                for (index, step) in state.execution.timeline.steps.enumerated() {
                    let style: Style =
                        step.failed
                        ? .error : (step.exited == nil ? Style(foreground: .yellow) : Style(foreground: .green))
                    segments.append((index == 0 ? "  " : " › ", .muted))
                    segments.append((step.name, style))
                }
                writePath(segments, into: &buffer, y: row)
                row += 1
            }
        }
        guard !screen.submissions.isEmpty, row + 1 < y + height else { return }
        row += 1
        buffer.write("recent submissions (journal)", x: 0, y: row, style: .title)
        row += 1
        for submission in screen.submissions.prefix(max(0, y + height - row)) {
            var line =
                "\(Format.time(submission.createdAt))  \(submission.orderId)  \(submission.outcome(inProcess: true))"
            // Sent to an earlier incarnation of this stack (its API is elsewhere now).
            if submission.fromEarlierStack { line += "  (earlier stack)" }
            let style: Style = submission.fromEarlierStack ? .muted : (submission.isAccepted ? .plain : .error)
            buffer.write(DisplayWidth.truncate(line, to: buffer.width), x: 0, y: row, style: style)
            row += 1
        }
    }

    /// Writes a status path (status, then each state) on one row: separators only between
    /// states, and a path too wide for the row cut with `…`, never ending on a bare `›`.
    static func writePath(_ segments: [(text: String, style: Style)], into buffer: inout ScreenBuffer, y: Int) {
        let total = segments.reduce(0) { $0 + DisplayWidth.of($1.text) }
        var x = 0
        guard total > buffer.width else {
            for segment in segments { x += buffer.write(segment.text, x: x, y: y, style: segment.style) }
            return
        }
        // Room for the `…` kept at the end.
        let room = buffer.width - 1
        for (index, segment) in segments.enumerated() {
            let width = DisplayWidth.of(segment.text)
            let isSeparator = index % 2 == 1
            if x + width <= room, !(isSeparator && x + width == room) {
                x += buffer.write(segment.text, x: x, y: y, style: segment.style)
                continue
            }
            if !isSeparator, room - x >= 2 {
                x += buffer.write(
                    DisplayWidth.truncate(segment.text, to: room - x + 1), x: x, y: y, style: segment.style)
                return
            }
            break
        }
        buffer.write("…", x: x, y: y, style: .muted)
    }
}
