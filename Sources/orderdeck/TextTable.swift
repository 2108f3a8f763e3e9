import Foundation

/// Plain-text tables for people. Every cell is made terminal-safe first: text from AWS (order
/// fields, log messages, error messages) may hold escape sequences or control characters, which
/// are shown escaped (`\u{1b}`) and never passed to the terminal.
struct TextTable {
    var headers: [String]
    var rows: [[String]] = []
    var maxWidth: Int = 60

    mutating func add(_ row: [String]) { rows.append(row) }

    func render() -> String {
        let cleaned = rows.map { $0.map { Self.truncate(TerminalSafe.escape($0), maxWidth) } }
        var widths = headers.map(\.count)
        for row in cleaned {
            for (index, cell) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], cell.count) }
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

/// Makes any text safe to print on a terminal.
enum TerminalSafe {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09: out += " "
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x00..<0x20, 0x7F, 0x80..<0xA0:
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

/// Relative times for tables ("12s", "4m", "3h", "2d").
enum Age {
    static func text(since date: Date?, now: Date = Date()) -> String {
        guard let date else { return "-" }
        let seconds = Int(now.timeIntervalSince(date))
        if seconds < 60 { return "\(max(0, seconds))s" }
        if seconds < 3600 { return "\(seconds / 60)m" }
        if seconds < 86400 { return "\(seconds / 3600)h" }
        return "\(seconds / 86400)d"
    }

    static func duration(_ interval: TimeInterval?) -> String {
        guard let interval else { return "-" }
        if interval < 1 { return "\(Int(interval * 1000))ms" }
        if interval < 120 { return String(format: "%.1fs", interval) }
        return "\(Int(interval / 60))m\(Int(interval) % 60)s"
    }

    static func iso(_ date: Date?) -> String {
        guard let date else { return "-" }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
