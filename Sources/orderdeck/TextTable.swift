import AWSClient
import Foundation
import OrderDeckCore
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
        let cleaned = rows.map(clean)
        let widths = Self.widths(headers: headers, rows: cleaned)
        return ([line(headers, widths)] + cleaned.map { line($0, widths) }).joined(separator: "\n")
    }

    /// A row's cells made terminal-safe and cut to `maxWidth`.
    func clean(_ row: [String]) -> [String] { row.map { Self.truncate(TerminalSafe.escape($0), maxWidth) } }

    /// Each column as wide as its widest cell (header included), in terminal cells: a CJK
    /// character or an emoji takes two, so rows line up whatever script the data is in.
    static func widths(headers: [String], rows: [[String]]) -> [Int] {
        var widths = headers.map(DisplayWidth.of)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], DisplayWidth.of(cell))
            }
        }
        return widths
    }

    /// One line: cells padded to `widths` (display cells, not characters), two spaces apart, no
    /// trailing spaces (a row ends where its last text ends).
    func line(_ cells: [String], _ widths: [Int]) -> String {
        let text = cells.enumerated().map { index, cell in
            let room = (index < widths.count ? widths[index] : 0) - DisplayWidth.of(cell)
            let pad = String(repeating: " ", count: max(0, room))
            return rightAligned.contains(index) ? pad + cell : cell + pad
        }.joined(separator: "  ")
        return String(text.reversed().drop { $0 == " " }.reversed())
    }

    /// Cut to `width` display cells; an ARN keeps its identifying end (the execution or resource
    /// name) and loses the front instead.
    static func truncate(_ text: String, _ width: Int) -> String {
        guard DisplayWidth.of(text) > width else { return text }
        if text.hasPrefix("arn:") { return DisplayWidth.truncateFront(text, to: width) }
        return DisplayWidth.truncate(text, to: width)
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
