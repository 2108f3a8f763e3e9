import OrderDeckCore
import TerminalUI

enum SubmitView {
    static func render(_ state: DashboardState, into buffer: inout ScreenBuffer, y: Int, height: Int) {
        let screen = state.submit
        if let rerun = state.submit.rerunOf {
            buffer.write(
                "Re-run of order \(rerun) as a new order (its input; a fresh id is added)", x: 0, y: y, style: .title)
        } else {
            buffer.write("New order (template, a fresh id is added)", x: 0, y: y, style: .title)
        }
        let fields = screen.fields
        let nameWidth = min(24, max(8, fields.map { DisplayWidth.of($0.name) }.max() ?? 8))
        for (index, field) in fields.enumerated() where 1 + index < height {
            let style = index == screen.field ? Style.selected : Style.plain
            let name = DisplayWidth.truncate(field.name, to: nameWidth)
            let padded = name + String(repeating: " ", count: nameWidth - DisplayWidth.of(name))
            let x = buffer.write(" \(padded) ", x: 0, y: y + 1 + index, style: style.with { $0.bold = true })
            buffer.write(field.value, x: x, y: y + 1 + index, style: style, maxWidth: max(0, buffer.width - x))
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
            if let execution = state.execution.execution, execution.arn == submission.executionArn, row < y + height {
                var x = buffer.write(
                    execution.status.rawValue, x: 0, y: row,
                    style: StatusStyle.of(execution.status).with { $0.bold = true })
                x += 2
                for step in state.execution.timeline.steps where x < buffer.width {
                    let style: Style =
                        step.failed
                        ? .error : (step.exited == nil ? Style(foreground: .yellow) : Style(foreground: .green))
                    x += buffer.write(step.name, x: x, y: row, style: style)
                    x += buffer.write(" › ", x: x, y: row, style: .muted)
                }
                row += 1
            }
        }
        guard !screen.submissions.isEmpty, row + 1 < y + height else { return }
        row += 1
        buffer.write("recent submissions (journal)", x: 0, y: row, style: .title)
        row += 1
        for submission in screen.submissions.prefix(max(0, y + height - row)) {
            let line =
                "\(Format.time(submission.createdAt))  \(submission.orderId)  \(submission.outcome(inProcess: true))"
            buffer.write(line, x: 0, y: row, style: submission.isAccepted ? .plain : .error)
            row += 1
        }
    }
}
