import Foundation
import OrderDeckCore
import TerminalUI

/// The timeline: one row per state entered (time, a bar, retries, result — a Map or Parallel row
/// summarises its iterations or branches), or, drilled in, one row per iteration or branch.
enum TimelineTable {
    static func render(
        _ screen: ExecutionScreen, execution: Execution, now: Date, into buffer: inout ScreenBuffer, top: Int,
        height: Int
    ) {
        let timeline = screen.timeline
        let total =
            timeline.endedAt.map { end in timeline.startedAt.map { end.timeIntervalSince($0) } ?? 0 }
            ?? execution.elapsed(now: now) ?? 1
        switch screen.rows {
        case .steps(let steps):
            screen.table.render(
                into: &buffer, x: 0, y: top, width: buffer.width, height: height,
                row: { index in
                    let step = steps[index]
                    // A redriven execution's later runs: each state marked with the run it ran in.
                    let name = (step.run > 0 ? "↻\(step.run) " : "") + step.name + (step.hasChildren ? " ▸" : "")
                    return [
                        name, step.kind.rawValue, Format.clock(step.entered), Format.duration(step.duration),
                        Format.bar(step.duration, total: total, width: 12), String(step.retries),
                        step.resultText(duration: Format.duration, mapRuns: execution.mapRuns),
                    ]
                },
                style: { index, column in
                    column == 6 ? style(of: steps[index].outcome) : (column == 4 ? Style(foreground: .cyan) : .plain)
                })
        case .groups(let parent):
            let groups = parent.children
            let span = parent.duration ?? total
            screen.table.render(
                into: &buffer, x: 0, y: top, width: buffer.width, height: height,
                row: { index in
                    let group = groups[index]
                    return [
                        group.label + (group.steps.contains(where: \.hasChildren) ? " ▸" : ""),
                        Format.clock(group.started), Format.duration(group.duration),
                        Format.bar(group.duration, total: span, width: 12), String(group.steps.count), group.resultText,
                    ]
                },
                style: { index, column in
                    column == 5 ? style(of: groups[index].outcome) : (column == 3 ? Style(foreground: .cyan) : .plain)
                })
        }
    }

    static func style(of outcome: StepOutcome) -> Style {
        switch outcome {
        case .failed, .timedOut: return .error
        case .succeeded: return Style(foreground: .green)
        case .caught, .running, .aborted: return Style(foreground: .yellow)
        }
    }
}
