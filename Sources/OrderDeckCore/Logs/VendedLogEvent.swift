import AWSClient
import AWSServices
import Foundation

/// A Step Functions vended log record (one CloudWatch Logs event), parsed.
///
/// Parsing never throws: a line that is not a Step Functions record gives nil and is shown as
/// plain text; a record with odd fields keeps what could be read.
public struct VendedLogEvent: Sendable, Hashable {
    public var executionArn: String
    public var event: ExecutionEvent
    public var redriveCount: Int
    /// Where it came from in CloudWatch Logs.
    public var logStreamName: String?
    public var eventId: String?

    public init?(message: String, logStreamName: String? = nil, eventId: String? = nil, fallbackTimestamp: Int64? = nil)
    {
        // Cheap pre-check: most foreign lines are not JSON objects at all.
        guard message.utf8.first == UInt8(ascii: "{"), let record = try? JSONValue.parse(message),
            let arn = record["execution_arn"]?.stringValue, let type = record["type"]?.stringValue,
            let id = Self.integer(record["id"])
        else { return nil }
        let millis = Self.milliseconds(record["event_timestamp"]) ?? fallbackTimestamp ?? 0
        executionArn = arn
        event = ExecutionEvent(
            id: id, previousEventId: Self.integer(record["previous_event_id"]) ?? 0, type: type,
            timestamp: Date(timeIntervalSince1970: Double(millis) / 1000), details: record["details"] ?? .object([]))
        redriveCount = Self.integer(record["redrive_count"]) ?? 0
        self.logStreamName = logStreamName
        self.eventId = eventId
    }

    public init(filtered: CloudWatchLogs.FilteredLogEvent) throws {
        guard
            let parsed = VendedLogEvent(
                message: filtered.message ?? "", logStreamName: filtered.logStreamName, eventId: filtered.eventId,
                fallbackTimestamp: filtered.timestamp)
        else { throw NotARecord() }
        self = parsed
    }

    struct NotARecord: Error {}

    /// Fields are strings in AWS's records ("12"); numbers are accepted too.
    static func integer(_ value: JSONValue?) -> Int? {
        switch value {
        case .string(let text)?: return Int(text)
        case .number(let text)?: return Int(text)
        default: return nil
        }
    }

    /// AWS writes epoch milliseconds as a string; LocalStack an ISO-8601 time
    /// (`2026-11-24T21:01:28.560000+00:00`).
    static func milliseconds(_ value: JSONValue?) -> Int64? {
        if let millis = integer64(value) { return millis }
        guard case .string(let text)? = value, let date = ISO8601.parse(text) ?? ISO8601.parseMicroseconds(text) else {
            return nil
        }
        return Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    static func integer64(_ value: JSONValue?) -> Int64? {
        switch value {
        case .string(let text)?: return Int64(text)
        case .number(let text)?: return Int64(text)
        default: return nil
        }
    }
}

extension ISO8601 {
    /// `2026-11-24T21:01:28.560123+00:00` or `…Z`: Python's `isoformat()`, six fractional digits,
    /// which Foundation's parser rejects; the fraction is cut to milliseconds.
    static func parseMicroseconds(_ text: String) -> Date? {
        guard let dot = text.firstIndex(of: ".") else { return nil }
        let fraction = text[text.index(after: dot)...].prefix { $0.isNumber }
        let zone = text[text.index(after: dot)...].dropFirst(fraction.count)
        let trimmed = text[..<dot] + "." + fraction.prefix(3).padding(toLength: 3, withPad: "0", startingAt: 0) + zone
        return parse(String(trimmed))
    }
}
