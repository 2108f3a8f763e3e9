import Foundation
import OrderDeckCore
import TerminalUI

/// `history --map-run`'s table output: each Map Run of an execution as a block — its status and
/// time, item and child-execution counts, what it tolerates, and how to list its children.
enum MapRunText {
    static func runs(of executionArn: String, _ runs: [MapRun], now: Date = Date()) -> String {
        var lines = [TerminalSafe.escape(executionArn)]
        guard !runs.isEmpty else {
            lines.append("no Map Runs: no distributed Map state ran in this execution")
            return lines.joined(separator: "\n")
        }
        lines.append("\(runs.count) Map Run\(runs.count == 1 ? "" : "s")")
        for run in runs {
            lines.append("")
            var status = "\(TerminalSafe.escape(run.name))  \(run.status.rawValue)  started \(Age.iso(run.startDate))"
            status += "  duration \(Age.duration(run.elapsed(now: now)))"
            if run.redriveCount > 0 { status += "  redriven \(run.redriveCount)x (last \(Age.iso(run.redriveDate)))" }
            lines.append(status)
            lines += [
                "  arn:         \(TerminalSafe.escape(run.arn))",
                "  items:       \(run.itemCounts.text) · \(run.itemCounts.resultsWritten) results written",
                "  executions:  \(run.executionCounts.text)",
                "  settings:    \(run.toleranceText) · \(run.concurrencyText)",
                "  children:    orderdeck executions --map-run \(TerminalSafe.escape(run.arn))",
            ]
        }
        return lines.joined(separator: "\n")
    }
}
