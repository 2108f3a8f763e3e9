import AWSClient
import Foundation
import OrderDeckCore

/// Prints executions batch by batch as they arrive — `--output json` as one array of records,
/// `table` as a `StreamedTable` — so listing thousands holds only the page in hand.
struct ExecutionPrinter {
    let format: OutputFormat
    let now: Date
    private var json = StreamedJSONArray()
    private var table = StreamedTable(headers: ["MACHINE", "NAME", "STATUS", "STARTED", "DURATION", "NOTE"])

    init(format: OutputFormat, now: Date = Date()) {
        self.format = format
        self.now = now
    }

    mutating func add(_ executions: [Execution]) {
        switch format {
        case .json:
            for execution in executions { json.add { out in JSONOutput.execution(execution).write(into: &out) } }
        case .table:
            table.add(
                executions.map { execution in
                    var notes: [String] = []
                    if execution.isExpress { notes.append("express, from logs") }
                    if execution.isPartial { notes.append("partial record") }
                    if execution.isTruncated { notes.append("payload truncated") }
                    return [
                        execution.machineName, execution.name, execution.status.rawValue, Age.iso(execution.startDate),
                        Age.duration(execution.elapsed(now: now)), notes.joined(separator: ", "),
                    ]
                })
        }
    }

    mutating func finish() {
        switch format {
        case .json:
            json.finish()
        case .table:
            table.finish()
        }
    }
}
