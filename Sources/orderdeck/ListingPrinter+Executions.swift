import AWSClient
import Foundation
import OrderDeckCore

extension ListingPrinter where Record == Execution {
    /// `executions`: `JSONOutput.execution`'s record; a row of machine, name, status, the
    /// version it ran ("7 via prod"), start, duration and what kind of record it is.
    static func executions(format: OutputFormat, now: Date = Date()) -> Self {
        Self(
            format: format, headers: ["MACHINE", "NAME", "STATUS", "VERSION", "STARTED", "DURATION", "NOTE"],
            writeJSON: { execution, out in JSONOutput.execution(execution).write(into: &out) },
            row: { execution in
                var notes: [String] = []
                if execution.isExpress { notes.append("express, from logs") }
                if execution.isPartial { notes.append("partial record") }
                if execution.isTruncated { notes.append("payload truncated") }
                if let redriven = execution.redrive.note { notes.append(redriven) }
                return [
                    execution.machineName, execution.name, execution.status.rawValue, execution.versionText,
                    Age.iso(execution.startDate),
                    Age.duration(execution.elapsed(now: now)), notes.joined(separator: ", "),
                ]
            })
    }
}
