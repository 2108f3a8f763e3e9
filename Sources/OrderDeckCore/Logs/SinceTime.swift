import Foundation

/// Where a log read starts, as `aws logs tail --since` takes it: relative (`30s`, `10m`, `2h`,
/// `1d`, `1w`) or absolute ISO 8601 (`2026-11-24T16:00:00Z`, `2026-11-24T17:00:00+01:00`,
/// `2026-11-24 16:00`, `2026-11-24`); an absolute time without a zone is UTC.
public enum SinceTime {
    public static func parse(_ text: String, now: Date) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let unit = trimmed.last, let value = Double(trimmed.dropLast()), value >= 0, value.isFinite {
            let seconds: Double? =
                switch unit {
                case "s": value
                case "m": value * 60
                case "h": value * 3600
                case "d": value * 86400
                case "w": value * 604_800
                default: nil
                }
            if let seconds { return now.addingTimeInterval(-seconds) }
        }
        return absolute(trimmed)
    }

    static func absolute(_ text: String) -> Date? {
        let normalized = text.replacingOccurrences(of: " ", with: "T")
        let withZone = ISO8601DateFormatter()
        withZone.formatOptions = [.withInternetDateTime]
        if let date = withZone.date(from: normalized) { return date }
        withZone.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = withZone.date(from: normalized) { return date }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        for format in ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: normalized) { return date }
        }
        return nil
    }
}
