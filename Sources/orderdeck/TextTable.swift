import AWSClient
import Foundation
import OrderDeckUI
import TerminalUI

/// Plain-text tables for people. Every cell is made terminal-safe first (TerminalUI's
/// `TerminalSafe`): text from AWS may hold escape sequences, which are shown escaped.
struct TextTable {
    var headers: [String]
    var rows: [[String]] = []
    var maxWidth: Int = 60
    /// Columns whose cells line up on the right (amounts, durations).
    var rightAligned: Set<Int> = []

    mutating func add(_ row: [String]) { rows.append(row) }

    func render() -> String {
        let cleaned = rows.map { $0.map { Self.truncate(TerminalSafe.escape($0), maxWidth) } }
        var widths = headers.map(\.count)
        for row in cleaned {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        func line(_ cells: [String]) -> String {
            let text = cells.enumerated().map { index, cell in
                let pad = String(repeating: " ", count: max(0, widths[index] - cell.count))
                return rightAligned.contains(index) ? pad + cell : cell + pad
            }.joined(separator: "  ")
            // No trailing spaces: a row ends where its last text ends.
            return String(text.reversed().drop { $0 == " " }.reversed())
        }
        return ([line(headers)] + cleaned.map(line)).joined(separator: "\n")
    }

    /// Cut to `width`; an ARN keeps its identifying end (the execution or resource name) and
    /// loses the front instead.
    static func truncate(_ text: String, _ width: Int) -> String {
        guard text.count > width else { return text }
        if text.hasPrefix("arn:") { return "…" + String(text.suffix(width - 1)) }
        return String(text.prefix(width - 1)) + "…"
    }
}

/// Relative times for tables ("12s", "4m", "3h", "2d").
enum Age {
    static func text(since date: Date?, now: Date = Date()) -> String { Format.age(date, now: now) }

    static func duration(_ interval: TimeInterval?) -> String { Format.duration(interval) }

    static func iso(_ date: Date?) -> String {
        guard let date else { return "-" }
        return ISO8601.formatMilliseconds(date)
    }
}
