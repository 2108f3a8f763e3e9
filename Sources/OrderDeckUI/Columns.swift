import Foundation
import OrderDeckCore
import TerminalUI

enum OrdersColumns {
    static let all: [TableView.Column] = [
        .init("ORDER", minWidth: 14, priority: 10), .init("USER", width: 10, priority: 6),
        .init("STATUS", width: 9, priority: 9),
        .init("AMOUNT", width: 12, alignment: .right, priority: 5), .init("CREATED", width: 19, priority: 2),
        .init("AGE", width: 4, alignment: .right, priority: 4), .init("EXECUTION", width: 9, priority: 7),
    ]
    static let sortable: [Order.SortKey?] = [.id, .user, .status, .amount, .created, .created, nil]

    static func index(of key: Order.SortKey) -> Int? {
        switch key {
        case .id: return 0
        case .user: return 1
        case .status: return 2
        case .amount: return 3
        case .created: return 4
        }
    }

    static func row(_ order: Order, executionStatus: String?, now: Date) -> [String] {
        [
            order.id, order.userId, order.status,
            [order.amount, order.currency].compactMap { $0 }.joined(separator: " "),
            Format.time(order.createdAt), Format.age(order.createdAt, now: now), executionStatus ?? "",
        ]
    }
}

enum ExecutionsColumns {
    static let all: [TableView.Column] = [
        .init("NAME", minWidth: 14, priority: 10), .init("STATUS", width: 9, priority: 9),
        .init("STARTED", width: 19, priority: 3),
        .init("ELAPSED", width: 8, alignment: .right, priority: 6), .init("NOTE", width: 18, priority: 2),
    ]

    static func row(_ execution: Execution, now: Date) -> [String] {
        var notes: [String] = []
        if execution.isExpress { notes.append("from logs") }
        if execution.isPartial { notes.append("partial") }
        if execution.isTruncated { notes.append("truncated") }
        return [
            execution.name, execution.status, Format.time(execution.startDate),
            Format.duration(execution.elapsed(now: now)),
            notes.joined(separator: ", "),
        ]
    }
}

enum DetailColumns {
    static let timeline: [TableView.Column] = [
        .init("STATE", minWidth: 16, priority: 10), .init("KIND", width: 6, priority: 3),
        .init("ENTERED", width: 12, priority: 2),
        .init("TOOK", width: 7, alignment: .right, priority: 8), .init("", width: 12, priority: 4),
        .init("RETRY", width: 5, alignment: .right, priority: 5), .init("RESULT", width: 22, priority: 9),
    ]
    static let events: [TableView.Column] = [
        .init("ID", width: 5, alignment: .right, priority: 8), .init("TIME", width: 12, priority: 3),
        .init("TYPE", width: 24, priority: 10),
        .init("STATE", width: 22, priority: 7), .init("DETAIL", minWidth: 10, priority: 2),
    ]
}

enum LogsColumns {
    static let all: [TableView.Column] = [
        .init("TIME", width: 12, priority: 4), .init("EXECUTION", width: 24, priority: 6),
        .init("EVENT", minWidth: 16, priority: 10),
    ]

    static func row(_ event: TailedEvent) -> [String] {
        let time = Format.clock(Date(timeIntervalSince1970: Double(event.timestamp) / 1000))
        guard let record = event.record else { return [time, "", event.message] }
        var text = "#\(record.event.id) \(record.event.type)"
        if let state = record.event.stateName { text += "  \(state)" }
        if let error = record.event.error { text += "  error=\(error)" }
        let machine = Execution.machineName(fromArn: record.executionArn) ?? ""
        return [time, "\(machine)/\(Execution.name(fromArn: record.executionArn))", text]
    }

    static func summary(_ event: TailedEvent) -> String { row(event).joined(separator: " ") + " " + event.message }
}

/// Status colours, shared by every screen.
enum StatusStyle {
    static func of(_ status: String) -> Style {
        switch status {
        case "SUCCEEDED", "COMPLETED": return Style(foreground: .green)
        case "FAILED", "CANCELLED", "TIMED_OUT", "ABORTED": return Style(foreground: .red, bold: true)
        case "RUNNING", "PENDING": return Style(foreground: .yellow)
        case "UNKNOWN": return Style(foreground: .magenta)
        default: return .plain
        }
    }
}

/// Times, ages, durations and bars as the dashboard and the CLI print them.
public enum Format {
    /// UTC `yyyy-MM-dd HH:mm:ss`, formatted by hand (every visible row, every frame).
    public static func time(_ date: Date?) -> String {
        guard let date else { return "-" }
        let parts = utc(date)
        return String(
            format: "%04d-%02d-%02d %02d:%02d:%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
            Int(parts.tm_mday), Int(parts.tm_hour),
            Int(parts.tm_min), Int(parts.tm_sec))
    }

    /// UTC `HH:mm:ss.SSS`.
    public static func clock(_ date: Date?) -> String {
        guard let date else { return "-" }
        let parts = utc(date)
        let millis = Int((date.timeIntervalSince1970 * 1000).rounded(.down)) % 1000
        return String(format: "%02d:%02d:%02d.%03d", Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), millis)
    }

    static func utc(_ date: Date) -> tm {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return parts
    }

    public static func age(_ date: Date?, now: Date) -> String {
        guard let date else { return "-" }
        let seconds = Int(now.timeIntervalSince(date))
        if seconds < 60 { return "\(max(0, seconds))s" }
        if seconds < 3600 { return "\(seconds / 60)m" }
        if seconds < 86400 { return "\(seconds / 3600)h" }
        return "\(seconds / 86400)d"
    }

    public static func duration(_ interval: TimeInterval?) -> String {
        guard let interval else { return "-" }
        if interval < 1 { return "\(Int(interval * 1000))ms" }
        if interval < 100 { return String(format: "%.1fs", interval) }
        return "\(Int(interval / 60))m\(Int(interval) % 60)s"
    }

    /// A bar of `width` cells, proportional to `value / total`.
    public static func bar(_ value: TimeInterval?, total: TimeInterval, width: Int) -> String {
        guard let value, total > 0, width > 0 else { return "" }
        let filled = max(value > 0 ? 1 : 0, min(width, Int((value / total * Double(width)).rounded())))
        return String(repeating: "█", count: filled)
    }
}
