import Foundation
import OrderDeckCore
import TerminalUI

enum LogsColumns {
    static let all: [TableView.Column] = [
        .init("TIME", width: 12, priority: 4),
        // A record's execution; any other line's group (a Lambda's, the API stage's).
        .init("SOURCE", minWidth: 12, maxWidth: 64, priority: 6),
        // The event type and its state stay whole; the execution's name narrows first.
        .init("EVENT", minWidth: 30, grows: true, priority: 10),
    ]

    static func row(_ event: TailedEvent) -> [String] {
        let time = Format.clock(Date(timeIntervalSince1970: Double(event.timestamp) / 1000))
        guard let record = event.record else { return [time, groupLabel(event.group), event.message] }
        var text = "#\(record.event.id) \(record.event.type)"
        if let state = event.state ?? record.event.stateName { text += "  \(state)" }
        if let error = record.event.error { text += "  error=\(error)" }
        let arn = ExecutionARN(record.executionArn)
        return [time, "\(arn.machineName ?? "")/\(arn.name)", text]
    }

    /// What the filter and search read of a line: its columns, its group and stream, and the
    /// first `searchedCharacters` of its message — a 256 KB message costs a filter what a short
    /// one does. So `f post_order` keeps one Lambda's lines, `f 2026/12/03` one day's streams.
    static func summary(_ event: TailedEvent) -> String {
        let message =
            event.message.utf8.count > searchedCharacters
            ? String(event.message.prefix(searchedCharacters)) : event.message
        return row(event).joined(separator: " ") + " " + event.group + " " + event.stream + " " + message
    }

    /// A group as the SOURCE column names it: `λ post_order`, `api a1b2c3/prod`, `states OrderWorkflow`.
    static func groupLabel(_ group: String) -> String { LogSource.label(group: group) }

    /// How much of a message the `/` filter and the search read.
    static let searchedCharacters = 4096
}
