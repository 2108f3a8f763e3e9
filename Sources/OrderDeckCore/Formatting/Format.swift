import Foundation

/// Times, ages, durations and bars as the dashboard and the CLI print them: one module both
/// front ends import, so the CLI does not take the dashboard to format a duration.
public enum Format {
    /// A count with thousands separators (`10,000`), independent of the locale.
    public static func count(_ value: Int) -> String {
        let digits = Array(String(value.magnitude))
        var out = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return (value < 0 ? "-" : "") + out
    }

    /// UTC `yyyy-MM-dd HH:mm:ss`, formatted by hand (every visible row, every frame).
    public static func time(_ date: Date?) -> String {
        guard let date else { return "-" }
        let parts = utc(date)
        return String(
            format: "%04d-%02d-%02d %02d:%02d:%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
            Int(parts.tm_mday), Int(parts.tm_hour),
            Int(parts.tm_min), Int(parts.tm_sec))
    }

    /// ISO 8601 in UTC with milliseconds (`2026-11-24T21:04:00.000Z`), for files others read.
    public static func iso(_ date: Date?) -> String {
        guard let date else { return "" }
        let parts = utc(date)
        let millis = Int((date.timeIntervalSince1970 * 1000).rounded(.down)) % 1000
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
            Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), millis)
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
