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

    /// The VERSION column ("7", "7 via prod"), after STATUS: shown only while an execution listed
    /// ran a version or alias, and the first content column to go when the terminal is narrow.
    static let version = TableView.Column("VERSION", minWidth: 7, maxWidth: 24, priority: 1)

    /// The columns, with VERSION when `showingVersion`.
    static func columns(showingVersion: Bool) -> [TableView.Column] {
        showingVersion ? Array(all.prefix(2)) + [version] + all.dropFirst(2) : all
    }

    /// `row` with the version's text after the status when the column is shown.
    static func row(_ execution: Execution, now: Date, showingVersion: Bool) -> [String] {
        let cells = row(execution, now: now)
        return showingVersion ? Array(cells.prefix(2)) + [execution.versionText] + cells.dropFirst(2) : cells
    }

    static func row(_ execution: Execution, now: Date) -> [String] {
        var notes: [String] = []
        if execution.isExpress { notes.append("from logs") }
        if execution.isPartial { notes.append("partial") }
        if execution.isTruncated { notes.append("truncated") }
        if let redriven = execution.redrive.note { notes.append(redriven) }
        if let error = execution.error { notes.append(error) }
        return [
            execution.name, execution.status.rawValue, Format.time(execution.startDate),
            Format.duration(execution.elapsed(now: now)), notes.joined(separator: ", "),
        ]
    }
}
