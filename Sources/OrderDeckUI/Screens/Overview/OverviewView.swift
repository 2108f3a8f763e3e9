import Foundation
import OrderDeckCore
import TerminalUI

/// The Overview: the last hour's executions per minute, failure rates, stuck executions, orders
/// by status, PENDING orders whose execution ended, log error rate and the slowest states — each
/// figure with the key that opens the rows behind it.
enum OverviewView {
    static func render(_ state: DashboardState, into buffer: inout ScreenBuffer, y: Int, height: Int) {
        guard let figures = state.overview.figures else {
            buffer.write("gathering figures…", x: 0, y: y, style: .muted)
            return
        }
        let width = buffer.width
        let rate = { (value: Double?) in value.map { "\(Int(($0 * 100).rounded()))%" } ?? "–" }
        var x = buffer.write("Executions/min, last hour ", x: 0, y: y, style: .title)
        x += buffer.write(
            "failed 5m \(rate(figures.failureRateNow)) · 1h \(rate(figures.failureRateHour))  ", x: x, y: y,
            style: (figures.failureRateNow ?? 0) > 0 ? .error : .plain)
        buffer.write("(\(figures.chartSource))", x: x, y: y, style: .muted)
        guard height >= 4 else {
            // Too short for a chart: the headline figures in one line.
            let line = "stuck \(figures.stuck.count) · pending-ended \(figures.pendingEnded.count)"
            buffer.write(line, x: 0, y: y + 1, style: figures.stuck.isEmpty ? .plain : .error)
            return
        }
        let chartHeight = max(1, min(8, height / 3))
        OverviewChart.render(
            figures.minutes, cursor: state.overview.cursor, into: &buffer, x: 0, y: y + 1, width: width,
            height: chartHeight)
        var row = y + 2 + chartHeight
        if let minute = state.overview.selectedMinute, row < y + height {
            var x = buffer.write("▲ \(Format.clock(minute.start).prefix(5))  ", x: 0, y: row, style: Style(bold: true))
            x += buffer.write("\(minute.succeeded) succeeded  ", x: x, y: row, style: Style(foreground: .green))
            x += buffer.write("\(minute.failed) failed  ", x: x, y: row, style: minute.failed > 0 ? .error : .plain)
            buffer.write("\(minute.started) started", x: x, y: row, style: .muted)
            row += 1
        }
        var lines: [(String, Style)] = []
        if let metrics = state.overview.metrics, !metrics.isEmpty {
            let slowest = metrics.slowestMinuteSeconds.map { "  slowest minute's average \(Format.duration($0))" } ?? ""
            lines.append(
                (
                    "CloudWatch, last hour: \(metrics.started) started · \(metrics.throttled) throttled\(slowest)",
                    metrics.throttled > 0 ? Style(foreground: .yellow) : .muted
                ))
        }
        lines += [
            (
                "stuck (RUNNING past the machine's p99): \(figures.stuck.count)  [s]",
                figures.stuck.isEmpty ? .plain : .error
            ),
            (
                "PENDING orders whose execution ended: \(figures.pendingEnded.count)  [p]",
                figures.pendingEnded.isEmpty ? .plain : .error
            ),
            (
                "orders: "
                    + (figures.ordersByStatus.isEmpty
                        ? "none loaded"
                        : figures.ordersByStatus.map { "\($0.count) \($0.status)" }.joined(separator: " · ")),
                .plain
            ),
            (
                "log errors, last hour: \(figures.logErrors) of \(figures.logRecords) records (\(rate(figures.logErrorRate)))",
                figures.logErrors > 0 ? Style(foreground: .yellow) : .plain
            ),
        ]
        for (text, style) in lines where row < y + height {
            buffer.write(text, x: 0, y: row, style: style)
            row += 1
        }
        guard row + 1 < y + height, !figures.stateTimings.isEmpty else { return }
        row += 1
        let nameWidth = min(40, max(10, figures.stateTimings.map { DisplayWidth.of($0.state) }.max() ?? 10))
        buffer.write(
            "STATE".padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "     p50     p95      n", x: 0, y: row,
            style: .muted)
        row += 1
        for timing in figures.stateTimings where row < y + height {
            let name = timing.state.count > nameWidth ? String(timing.state.prefix(nameWidth - 1)) + "…" : timing.state
            let text =
                name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
                + pad(Format.duration(timing.p50), 8) + pad(Format.duration(timing.p95), 8)
                + pad(String(timing.count), 7)
            buffer.write(text, x: 0, y: row)
            row += 1
        }
    }

    static func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
