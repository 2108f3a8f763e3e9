import AWSClient
import Foundation

/// Event-stream frames for scripted answers (the decoder itself is checked against frames made
/// elsewhere: botocore-verified and moto-recorded bytes in `EventStreamDecoderTests`).
public enum EventStreamFrames {
    /// One message with string headers, the CRCs computed.
    public static func frame(_ headers: [(String, String)], payload: [UInt8] = []) -> [UInt8] {
        var block: [UInt8] = []
        for (name, value) in headers {
            block.append(UInt8(name.utf8.count))
            block += Array(name.utf8)
            block.append(7)
            block += bigEndian(UInt16(value.utf8.count))
            block += Array(value.utf8)
        }
        let total = 12 + block.count + payload.count + 4
        var message = bigEndian(UInt32(total)) + bigEndian(UInt32(block.count))
        message += bigEndian(CRC32.checksum(message))
        message += block + payload
        return message + bigEndian(CRC32.checksum(message))
    }

    /// A JSON `event` message of type `type`.
    public static func event(_ type: String, json: String) -> [UInt8] {
        frame(
            [(":message-type", "event"), (":event-type", type), (":content-type", "application/json")],
            payload: Array(json.utf8))
    }

    /// A modelled `exception` message.
    public static func exception(_ type: String, message: String) -> [UInt8] {
        frame(
            [(":message-type", "exception"), (":exception-type", type), (":content-type", "application/json")],
            payload: Array(#"{"message":"\#(message)"}"#.utf8))
    }

    /// A StartLiveTail answer's body: initial-response, sessionStart, the updates, then `ending`.
    public static func liveTail(groupArns: [String], updates: [String], ending: [UInt8] = []) -> [UInt8] {
        let arns = groupArns.map { "\"\($0)\"" }.joined(separator: ",")
        var body = frame([(":message-type", "event"), (":event-type", "initial-response")])
        body += event("sessionStart", json: #"{"sessionId":"s-1","logGroupIdentifiers":[\#(arns)]}"#)
        for update in updates { body += event("sessionUpdate", json: update) }
        return body + ending
    }

    /// A sessionUpdate's JSON: `(stream, timestamp, message)` lines of one group.
    public static func update(group: String, _ lines: [(String, Int64, String)], sampled: Bool = false) -> String {
        let results = lines.map { stream, timestamp, message -> String in
            let quoted = String(decoding: try! JSONEncoder().encode(message), as: UTF8.self)
            return #"{"logStreamName":"\#(stream)","logGroupIdentifier":"\#(group)","message":\#(quoted),"#
                + #""timestamp":\#(timestamp),"ingestionTime":\#(timestamp + 100)}"#
        }
        return #"{"sessionMetadata":{"sampled":\#(sampled)},"sessionResults":[\#(results.joined(separator: ","))]}"#
    }

    public static func bigEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        withUnsafeBytes(of: value.bigEndian) { Array($0) }
    }
}
