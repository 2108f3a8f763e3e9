import AWSClient
import Foundation
import OrderDeckCore
import TerminalUI

/// A replay as the CLI prints it: where it ran, what was changed to replay it, the verdict,
/// then the original and the replay side by side (`ExecutionDiffText`, the same lines `diff`
/// prints), and the Tasks it reached with no answer.
enum ReplayText {
    static func lines(_ report: ReplayReport, coldStart: Duration?, width: Int) -> [String] {
        let execution = report.recording.execution
        let started = coldStart.map { "started in \(Self.seconds($0))" } ?? "reused"
        var lines = [
            "replay of \(TerminalSafe.escape(execution.name)) (\(execution.status.rawValue)) on LocalStack at \(report.engine) (engine \(started))",
            "definition: \(report.definitionSource)",
        ]
        for change in report.changes { lines.append("  · \(change)") }
        for gap in report.recording.gaps { lines.append("  ! \(gap)") }
        for line in report.whatIf.lines { lines.append("what-if: \(line)") }
        lines.append(report.verdict)
        lines.append("")
        // The comparison's own first line is its summary, which the verdict already says.
        var compared = ExecutionDiffText.lines(report.diff, labels: ("original", "replay"), width: width)
        if let first = compared.first, report.verdict.contains(first) { compared.removeFirst() }
        lines += compared
        for (state, cause) in report.unanswered {
            lines.append("no answer for \(state): \(TerminalSafe.escape(cause))")
        }
        lines.append("replayed in \(Self.seconds(report.elapsed))")
        return lines
    }

    static func seconds(_ duration: Duration) -> String { String(format: "%.1f s", secondsValue(duration)) }

    static func secondsValue(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// `replay --output json`: the verdict, the what-if, the changes, both executions' timelines and
/// the diff's own JSON.
enum ReplayJSON {
    static func report(_ report: ReplayReport, coldStart: Duration?) -> JSONValue {
        .object([
            ("verdict", .string(report.verdict)),
            ("same", .bool(report.diff.isSame)),
            ("engine", .string(report.engine)),
            (
                "engineColdStartSeconds",
                coldStart.map { .number(String(format: "%.3f", ReplayText.secondsValue($0))) } ?? .null
            ),
            ("elapsedSeconds", .number(String(format: "%.3f", ReplayText.secondsValue(report.elapsed)))),
            ("definitionSource", .string(report.definitionSource)),
            ("changes", .array(report.changes.map(JSONValue.string))),
            ("whatIf", .array(report.whatIf.lines.map(JSONValue.string))),
            ("original", JSONOutput.execution(report.recording.execution)),
            ("replayArn", .string(report.run.executionArn)),
            ("replayStatus", .string(report.run.status.rawValue)),
            (
                "unanswered",
                .array(report.unanswered.map { .object([("state", .string($0.state)), ("cause", .string($0.cause))]) })
            ),
            ("diff", report.diff.json),
        ])
    }
}
