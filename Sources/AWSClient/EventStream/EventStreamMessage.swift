import Foundation

/// One message of an `application/vnd.amazon.eventstream` body: typed headers and a payload.
///
/// The framing is described in
/// https://docs.aws.amazon.com/transcribe/latest/dg/streaming-setting-up.html#streaming-event-stream
public struct EventStreamMessage: Sendable, Equatable {
    public var headers: [String: EventStreamHeaderValue]
    public var payload: [UInt8]

    public init(headers: [String: EventStreamHeaderValue], payload: [UInt8]) {
        self.headers = headers
        self.payload = payload
    }

    /// A string header's value (nil when absent or not a string).
    public func string(_ name: String) -> String? {
        if case .string(let value) = headers[name] { return value }
        return nil
    }

    /// `:message-type`: `event`, `exception` or `error`.
    public var messageType: String? { string(":message-type") }
    /// `:event-type` of an event (`sessionStart`, `sessionUpdate`, `initial-response`).
    public var eventType: String? { string(":event-type") }
    /// `:exception-type` of a modelled exception (`SessionTimeoutException`).
    public var exceptionType: String? { string(":exception-type") }
}

/// The ten header value types of the event-stream encoding, by their wire type number.
public enum EventStreamHeaderValue: Sendable, Equatable {
    case bool(Bool)  // 0 (true) and 1 (false): no value bytes
    case byte(Int8)  // 2
    case short(Int16)  // 3
    case integer(Int32)  // 4
    case long(Int64)  // 5
    case byteArray([UInt8])  // 6: 2-byte length, bytes
    case string(String)  // 7: 2-byte length, UTF-8
    case timestamp(Date)  // 8: epoch milliseconds, 8 bytes
    case uuid(UUID)  // 9: 16 bytes
}
