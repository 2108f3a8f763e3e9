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
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        return ([line(headers)] + cleaned.map(line)).joined(separator: "\n")
    }

    static func truncate(_ text: String, _ width: Int) -> String {
        text.count <= width ? text : String(text.prefix(width - 1)) + "…"
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
