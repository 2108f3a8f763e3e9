import OrderDeckCore
import TerminalUI

/// Executions per minute as stacked block bars: failed (red) at the foot, succeeded (green) on
/// top, eighth-blocks for the partial cell; the selected minute is marked under the axis.
enum OverviewChart {
    static let eighths: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// Draws the newest `width` minutes (or all 60) into rows `y..<y+height`, the axis row below.
    static func render(
        _ minutes: [OverviewFigures.Minute], cursor: Int, into buffer: inout ScreenBuffer, x: Int, y: Int, width: Int,
        height: Int
    ) {
        guard height >= 1, width >= 1, !minutes.isEmpty else { return }
        let shown = min(width, minutes.count)
        let first = minutes.count - shown
        let peak = max(1, minutes.map(\.total).max() ?? 1)
        let cells = height * 8
        for column in 0..<shown {
            let minute = minutes[first + column]
            let total = Int((Double(minute.total) / Double(peak) * Double(cells)).rounded(.up))
            let failed =
                minute.total == 0 ? 0 : Int((Double(minute.failed) / Double(minute.total) * Double(total)).rounded())
            for row in 0..<height {
                // Row 0 is the foot of the bar.
                let low = row * 8
                let filled = max(0, min(8, total - low))
                guard filled > 0 else { continue }
                let isFailed = low < failed
                let style = isFailed ? Style(foreground: .red, bold: true) : Style(foreground: .green)
                buffer.write(String(eighths[filled]), x: x + column, y: y + height - 1 - row, style: style)
            }
        }
        let axisY = y + height
        let label = "max \(peak)/min"
        if shown > label.count + 2 { buffer.write(label, x: x, y: axisY, style: .muted) }
        if cursor >= first {
            buffer.write("▲", x: x + cursor - first, y: axisY, style: Style(foreground: .cyan, bold: true))
        }
    }
}
