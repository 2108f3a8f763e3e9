import Foundation

/// The two date forms SigV4 uses: `20150830T123600Z` for `X-Amz-Date` and `20150830` for the scope.
///
/// Formatted by hand from the broken-down UTC time: a `DateFormatter` per request would dominate
/// the cost of signing.
public struct SigV4Timestamp: Sendable, Hashable {
    public let amzDate: String
    public let shortDate: String

    public init(_ date: Date) {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let year = Int(parts.tm_year) + 1900
        let digits = Self.pad(year, 4) + Self.pad(Int(parts.tm_mon) + 1, 2) + Self.pad(Int(parts.tm_mday), 2)
        shortDate = digits
        amzDate =
            digits + "T" + Self.pad(Int(parts.tm_hour), 2) + Self.pad(Int(parts.tm_min), 2)
            + Self.pad(Int(parts.tm_sec), 2) + "Z"
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
