import Foundation
import OrderDeckCore
import TerminalUI

/// `history`'s table output: the header with the failure named down to the state that failed,
/// the timeline (Map and Parallel rows summarised), a drilled-into iteration or branch, the raw events.
enum HistoryText {
    static func header(_ execution: Execution, _ timeline: Timeline) -> String {
        var lines = [TerminalSafe.escape(execution.arn.rawValue)]
        lines.append(
            "status: \(execution.status)   started: \(Age.iso(execution.startDate))   duration: \(Age.duration(execution.elapsed(now: Date())))"
                + (execution.isExpress ? "   (Express: rebuilt from logs)" : "")
                + (execution.isPartial ? "   PARTIAL RECORD" : "")
                + (timeline.redrives > 0 ? "   redriven \(timeline.redrives)x" : ""))
        if let version = execution.versionSentence { lines.append("ran \(TerminalSafe.escape(version))") }
        if let failure = timeline.failure {
            let place = failure.path.isEmpty ? "the execution" : failure.pathText
            lines.append(
                "FAILED in \(TerminalSafe.escape(place)): \(TerminalSafe.escape(failure.error ?? "?"))"
                    + (failure.location.map { " at \(TerminalSafe.escape($0))" } ?? "")
                    + " — \(TerminalSafe.escape(failure.cause ?? ""))"
            )
        }
        if execution.status == .aborted, execution.error != nil || execution.cause != nil {
            lines.append(
                "ABORTED: \(TerminalSafe.escape(execution.error ?? "")) — \(TerminalSafe.escape(execution.cause ?? ""))"
            )
        }
        if timeline.inferredEvents > 0 {
            lines.append(
                "\(counted(timeline.inferredEvents, "event")) named no earlier event (no previousEventId): attributed to the newest open state that fits"
            )
        }
        if !timeline.unknownEventTypes.isEmpty {
            lines.append(
                "events of a type OrderDeck does not know: \(timeline.unknownEventTypes.joined(separator: ", "))")
        }
        return lines.joined(separator: "\n")
    }

    /// The states in order; a redriven execution's runs each under their own heading (the states
    /// entered after each `ExecutionRedriven`), as the console sections them.
    static func timeline(
        _ steps: [Timeline.Step], mapRuns: [String: MapRunCounts] = [:], redriven: [Date] = []
    ) -> String {
        var sections: [String] = []
        for run in 0...redriven.count {
            let ran = steps.filter { $0.run == run }
            if run > 0 {
                sections.append(
                    "── redrive \(run) at \(Age.iso(redriven[run - 1])) " + String(repeating: "─", count: 20))
            }
            guard !ran.isEmpty || run == 0 else { continue }
            var table = TextTable(
                headers: ["STATE", "KIND", "ENTERED", "DURATION", "RETRIES", "RESULT"], maxWidth: 90)
            for step in ran {
                table.add([
                    step.name, step.kind.rawValue, Age.iso(step.entered), Age.duration(step.duration),
                    String(step.retries), step.resultText(duration: Format.duration, mapRuns: mapRuns),
                ])
            }
            sections.append(table.render())
        }
        return sections.joined(separator: "\n")
    }

    static func groups(_ step: Timeline.Step) -> String {
        let noun = step.kind == .map ? "ITERATION" : "BRANCH"
        var table = TextTable(headers: [noun, "ATTEMPT", "STARTED", "DURATION", "STATES", "RESULT"], maxWidth: 90)
        for group in step.children {
            table.add([
                String(group.index), String(group.attempt), Age.iso(group.started), Age.duration(group.duration),
                String(group.steps.count), group.resultText,
            ])
        }
        return table.render()
    }

    static func drilled(_ target: TimelinePath.Target, path: TimelinePath) -> String {
        switch target {
        case .groups(let step):
            let summary = step.summary?.text(duration: Format.duration) ?? ""
            return "\(TerminalSafe.escape(step.name)) (\(step.kind)): \(summary)\n" + groups(step)
        case .group(let step, let group):
            let took = Age.duration(group.duration)
            return "\(TerminalSafe.escape(step.name)) › \(group.label): \(group.resultText)   took \(took)\n"
                + timeline(group.steps)
        }
    }

    static func events(_ history: [ExecutionEvent]) -> String {
        var table = TextTable(headers: ["ID", "PREV", "TIME", "TYPE", "STATE", "DETAIL"], maxWidth: 80)
        for event in history {
            table.add([
                String(event.id), String(event.previousEventId), Age.iso(event.timestamp), event.type,
                event.stateName ?? "", event.error ?? event.output ?? event.input ?? "",
            ])
        }
        return table.render()
    }
}

/// `history --file`: saved histories, with one line saying what is wrong when the file is not one.
enum SavedHistoryFile {
    static func read(_ path: String) throws -> [SavedHistory] {
        let data = try InputFile.read(path)
        do {
            let histories = try SavedHistory.parse(data)
            if histories.isEmpty {
                throw CLIFailure(message: "\(TerminalSafe.escape(path)): no history in it", code: .usage)
            }
            return histories
        } catch let malformed as SavedHistory.Malformed {
            throw CLIFailure(message: "\(TerminalSafe.escape(path)): \(malformed)", code: .usage)
        }
    }
}
