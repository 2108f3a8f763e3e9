import Foundation
import OrderDeckCore
import TerminalUI

/// The timeline: one row per state entered, with its time, a bar, retries and result.
enum TimelineTable {
    static func render(
        _ screen: ExecutionScreen, execution: Execution, now: Date, into buffer: inout ScreenBuffer, top: Int,
        height: Int
    ) {
        let steps = screen.timeline.steps
        let timeline = screen.timeline
        let total =
            timeline.endedAt.map { end in timeline.startedAt.map { end.timeIntervalSince($0) } ?? 0 }
            ?? execution.elapsed(now: now) ?? 1
        screen.table.render(
            into: &buffer, x: 0, y: top, width: buffer.width, height: height,
            row: { index in
                let step = steps[index]
                return [
                    step.name, step.kind, Format.clock(step.entered), Format.duration(step.duration),
                    Format.bar(step.duration, total: total, width: 12), String(step.retries), result(of: step),
                ]
            },
            style: { index, column in
                let step = steps[index]
                if column == 6 {
                    if step.failed { return .error }
                    return step.error != nil || step.exited == nil
                        ? Style(foreground: .yellow) : Style(foreground: .green)
                }
                return column == 4 ? Style(foreground: .cyan) : .plain
            })
    }

    static func result(of step: Timeline.Step) -> String {
        if step.failed { return "FAILED \(step.error ?? "")" }
        if let error = step.error { return "caught \(error)" }
        return step.exited == nil ? "running…" : "ok"
    }
}
