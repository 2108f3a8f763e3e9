import Foundation
import OrderDeckCore
import TerminalUI

enum ExecutionsColumns {
    static let all: [TableView.Column] = [
        .init("NAME", minWidth: 14, maxWidth: 80, priority: 10),
        .init("STATUS", minWidth: 7, maxWidth: 15, priority: 9),
        .init("STARTED", width: 19, priority: 3),
        .init("ELAPSED", width: 8, alignment: .right, priority: 6),
        .init("NOTE", minWidth: 4, maxWidth: 30, grows: true, priority: 2),
    ]

    static func row(_ execution: Execution, now: Date) -> [String] {
        var notes: [String] = []
        if execution.isExpress { notes.append("from logs") }
        if execution.isPartial { notes.append("partial") }
        if execution.isTruncated { notes.append("truncated") }
        if let error = execution.error { notes.append(error) }
        return [
            execution.name, execution.status.rawValue, Format.time(execution.startDate),
            Format.duration(execution.elapsed(now: now)), notes.joined(separator: ", "),
        ]
    }
}
