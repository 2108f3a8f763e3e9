import Foundation

/// Reads `application/vnd.amazon.eventstream` messages from bytes that arrive in any chunks.
///
/// Each message: a 12-byte prelude (total length, headers length, CRC-32 of those 8 bytes), the
/// headers, the payload, and a CRC-32 of everything before it. A checksum that does not match,
/// lengths that do not add up, an unknown header type or a body that ends mid-message is a thrown
/// `EventStreamError`; after one, the decoder refuses everything (the stream cannot be resynced).
/// https://docs.aws.amazon.com/transcribe/latest/dg/streaming-setting-up.html#streaming-event-stream
public struct EventStreamDecoder: Sendable {
    /// Botocore's limits (`botocore.eventstream`): headers up to 128 KiB, payload up to 16 MiB.
    public static let maxHeadersLength = 128 * 1024
    public static let maxPayloadLength = 16 * 1024 * 1024
    static let preludeLength = 12
    static let checksumLength = 4

    private var buffer: [UInt8] = []
    /// Where the next message starts in `buffer` (consumed bytes are dropped in batches).
    private var start = 0
    private var failure: EventStreamError?
    /// Messages decoded so far, to say which one was bad.
    public private(set) var decoded = 0

    public init() {}

    /// Adds bytes and returns every message they complete, in order (a convenience over
    /// `append` and `next`; a bad frame throws, and the messages before it in `bytes` are lost to
    /// the caller — read with `next` to keep them).
    public mutating func feed(_ bytes: some Sequence<UInt8>) throws -> [EventStreamMessage] {
        append(bytes)
        var messages: [EventStreamMessage] = []
        while let message = try next() { messages.append(message) }
        return messages
    }

    /// Adds bytes as they arrived.
    public mutating func append(_ bytes: some Sequence<UInt8>) {
        if start > 0, start >= buffer.count / 2 {
            buffer.removeFirst(start)
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next complete message, nil when more bytes are needed; throws on a bad frame (and
    /// from then on).
    public mutating func next() throws -> EventStreamMessage? {
        if let failure { throw failure }
        do {
            return try decodeNext()
        } catch let error as EventStreamError {
            failure = error
            throw error
        }
    }

    /// The body ended: anything left over is a message cut short.
    public func finish() throws {
        if let failure { throw failure }
        let left = buffer.count - start
        guard left == 0 else {
            throw EventStreamError(
                .truncated, "the body ended \(left) bytes into message \(decoded + 1), before its end")
        }
    }

    private mutating func decodeNext() throws -> EventStreamMessage? {
        let available = buffer.count - start
        guard available >= Self.preludeLength else { return nil }
        let totalLength = Int(readUInt32(at: start))
        let headersLength = Int(readUInt32(at: start + 4))
        let preludeChecksum = readUInt32(at: start + 8)
        let preludeActual = CRC32.checksum(buffer[start..<start + 8])
        let number = decoded + 1
        guard preludeActual == preludeChecksum else {
            throw EventStreamError(
                .preludeChecksum(expected: preludeChecksum, actual: preludeActual),
                "message \(number): prelude checksum \(hex(preludeActual)) does not match \(hex(preludeChecksum))")
        }
        let overhead = Self.preludeLength + Self.checksumLength
        guard totalLength >= overhead + headersLength else {
            throw EventStreamError(
                .invalidLengths,
                "message \(number): total length \(totalLength) cannot hold \(headersLength) bytes of headers")
        }
        let payloadLength = totalLength - overhead - headersLength
        guard headersLength <= Self.maxHeadersLength, payloadLength <= Self.maxPayloadLength else {
            throw EventStreamError(
                .oversized,
                "message \(number): \(headersLength) bytes of headers and \(payloadLength) of payload exceed the "
                    + "limits (\(Self.maxHeadersLength), \(Self.maxPayloadLength))")
        }
        guard available >= totalLength else { return nil }
        let end = start + totalLength
        let messageChecksum = readUInt32(at: end - Self.checksumLength)
        let messageActual = CRC32.checksum(buffer[start..<end - Self.checksumLength])
        guard messageActual == messageChecksum else {
            throw EventStreamError(
                .messageChecksum(expected: messageChecksum, actual: messageActual),
                "message \(number): message checksum \(hex(messageActual)) does not match \(hex(messageChecksum))")
        }
        let headersStart = start + Self.preludeLength
        let payloadStart = headersStart + headersLength
        let headers = try Self.headers(buffer[headersStart..<payloadStart], message: number)
        let payload = Array(buffer[payloadStart..<end - Self.checksumLength])
        start = end
        decoded += 1
        return EventStreamMessage(headers: headers, payload: payload)
    }

    private func readUInt32(at offset: Int) -> UInt32 {
        buffer[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
    }

    private func hex(_ value: UInt32) -> String { "0x" + String(value, radix: 16) }

    /// Headers: name length (1 byte), name, type (1 byte), value as the type says.
    static func headers(_ bytes: ArraySlice<UInt8>, message: Int) throws -> [String: EventStreamHeaderValue] {
        var reader = ByteReader(bytes: bytes, message: message)
        var headers: [String: EventStreamHeaderValue] = [:]
        while !reader.isAtEnd {
            let nameLength = Int(try reader.integer(UInt8.self))
            guard nameLength > 0 else { throw reader.malformed("a header with an empty name") }
            let name = String(decoding: try reader.bytes(nameLength), as: UTF8.self)
            let type = try reader.integer(UInt8.self)
            let value: EventStreamHeaderValue
            switch type {
            case 0: value = .bool(true)
            case 1: value = .bool(false)
            case 2: value = .byte(Int8(bitPattern: try reader.integer(UInt8.self)))
            case 3: value = .short(Int16(bitPattern: try reader.integer(UInt16.self)))
            case 4: value = .integer(Int32(bitPattern: try reader.integer(UInt32.self)))
            case 5: value = .long(Int64(bitPattern: try reader.integer(UInt64.self)))
            case 6: value = .byteArray(Array(try reader.bytes(Int(try reader.integer(UInt16.self)))))
            case 7:
                value = .string(String(decoding: try reader.bytes(Int(try reader.integer(UInt16.self))), as: UTF8.self))
            case 8:
                let milliseconds = Int64(bitPattern: try reader.integer(UInt64.self))
                value = .timestamp(Date(timeIntervalSince1970: Double(milliseconds) / 1000))
            case 9:
                let raw = Array(try reader.bytes(16))
                value = .uuid(
                    UUID(
                        uuid: (
                            raw[0], raw[1], raw[2], raw[3], raw[4], raw[5], raw[6], raw[7], raw[8], raw[9], raw[10],
                            raw[11], raw[12], raw[13], raw[14], raw[15]
                        )))
            default:
                throw EventStreamError(
                    .unknownHeaderType(type), "message \(message): header '\(name)' has unknown value type \(type)")
            }
            headers[name] = value
        }
        return headers
    }

    /// Reads big-endian fields from a header block, refusing to read past its end.
    private struct ByteReader {
        let bytes: ArraySlice<UInt8>
        let message: Int
        var offset: Int

        init(bytes: ArraySlice<UInt8>, message: Int) {
            self.bytes = bytes
            self.message = message
            self.offset = bytes.startIndex
        }

        var isAtEnd: Bool { offset >= bytes.endIndex }

        mutating func bytes(_ count: Int) throws -> ArraySlice<UInt8> {
            guard count <= bytes.endIndex - offset else {
                throw malformed("a header runs past the end of the header block")
            }
            defer { offset += count }
            return bytes[offset..<offset + count]
        }

        mutating func integer<T: FixedWidthInteger & UnsignedInteger>(_ type: T.Type) throws -> T {
            try bytes(MemoryLayout<T>.size).reduce(T(0)) { $0 << 8 | T($1) }
        }

        func malformed(_ what: String) -> EventStreamError {
            EventStreamError(.malformedHeaders, "message \(message): \(what)")
        }
    }
}
