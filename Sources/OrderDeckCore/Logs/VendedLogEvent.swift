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
        let millis = Self.integer64(record["event_timestamp"]) ?? fallbackTimestamp ?? 0
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

    static func integer64(_ value: JSONValue?) -> Int64? {
        switch value {
        case .string(let text)?: return Int64(text)
        case .number(let text)?: return Int64(text)
        default: return nil
        }
    }
}
