import Foundation
import Synchronization

/// How far our clock is from AWS's, learned from a skew error's `Date` header and added to the
/// signing time of every later request (what the SDKs call clock-skew correction).
public final class ClockSkew: Sendable {
    private let offset = Mutex<TimeInterval>(0)

    public init() {}

    public var current: TimeInterval { offset.withLock { $0 } }

    public func set(_ value: TimeInterval) { offset.withLock { $0 = value } }

    /// Parses an HTTP-date (`Sun, 06 Nov 1994 08:49:37 GMT`) from a response.
    public static func parseHTTPDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text)
    }
}
