import AWSClient
import Foundation
import TestSupport
import Testing

/// The event-stream decoder against frames made by others: a frame with every header type built
/// with Python's `struct` and `zlib.crc32` and read back by botocore's `EventStreamBuffer`, and
/// the body moto 5.2.5 answered to StartLiveTail (recorded); then corrupted copies of them.
@Suite struct EventStreamDecoderTests {
    /// All ten header types (botocore read it as: true, false, -7, -300, -70000, -5000000000,
    /// 00ff10, "héllo", 1795421900123 ms, 0f8fad5b-…), payload `{"ok":true}`.
    static let allTypes = bytes(
        """
        0000008f0000007401fc4d0f0474727565000566616c736501046279746502f90573686f727403fed403696e7404fffeee90
        046c6f6e6705fffffffed5fa0e0005627974657306000300ff1006737472696e6707000668c3a96c6c6f0474696d65080000
        01a2077c0d5b0475756964090f8fad5bd9cb469fa16570867728950e7b226f6b223a747275657dfe6dfb4f
        """)

    /// A SessionTimeoutException frame (Python-built, botocore-read).
    static let exception = bytes(
        """
        000000a200000065521d86480d3a6d6573736167652d74797065070009657863657074696f6e0f3a657863657074696f6e2d
        7479706507001753657373696f6e54696d656f7574457863657074696f6e0d3a636f6e74656e742d747970650700106170
        706c69636174696f6e2f6a736f6e7b226d657373616765223a2253657373696f6e2074696d6564206f7574206166746572
        203320686f757273227de22375fb
        """)

    /// moto 5.2.5's whole answer to StartLiveTail on a group with two lines: initial-response,
    /// sessionStart, one sessionUpdate.
    static let moto = bytes(
        """
        0000004500000035a382cc730d3a6d6573736167652d747970650700056576656e740b3a6576656e742d747970650700
        10696e697469616c2d726573706f6e7365b7624dee00000176000000525d89297b0d3a6d6573736167652d7479706507
        00056576656e740b3a6576656e742d7479706507000c73657373696f6e53746172740d3a636f6e74656e742d74797065
        0700106170706c69636174696f6e2f6a736f6e7b22726571756573744964223a202263333736363265342d386138612d
        343538642d623063322d356465373161343537353033222c202273657373696f6e4964223a202266613762323638642d
        333265392d343065612d613236322d366339633332616361366331222c20226c6f6747726f75704964656e7469666965
        7273223a205b2261726e3a6177733a6c6f67733a75732d656173742d313a3132333435363738393031323a6c6f672d67
        726f75703a2f666978747572652f6f7264657273225d2c20226c6f6753747265616d4e616d6573223a205b5d2c20226c
        6f6753747265616d4e616d655072656669786573223a205b5d2c20226c6f674576656e7446696c746572506174746572
        6e223a2022227dd2ba9baf0000025100000053dffb98570d3a6d6573736167652d747970650700056576656e740b3a65
        76656e742d7479706507000d73657373696f6e5570646174650d3a636f6e74656e742d747970650700106170706c6963
        6174696f6e2f6a736f6e7b2273657373696f6e4d65746164617461223a207b2273616d706c6564223a2066616c73657d
        2c202273657373696f6e526573756c7473223a205b7b226c6f6753747265616d4e616d65223a20227331222c20226c6f
        6747726f75704964656e746966696572223a202261726e3a6177733a6c6f67733a75732d656173742d313a3132333435
        363738393031323a6c6f672d67726f75703a2f666978747572652f6f7264657273222c20226d657373616765223a2022
        7b5c2269645c223a5c22315c222c5c22747970655c223a5c22457865637574696f6e537461727465645c227d222c2022
        74696d657374616d70223a20313739353432313930303030302c2022696e67657374696f6e54696d65223a2031373936
        3332353635303135317d2c207b226c6f6753747265616d4e616d65223a20227331222c20226c6f6747726f7570496465
        6e746966696572223a202261726e3a6177733a6c6f67733a75732d656173742d313a3132333435363738393031323a6c
        6f672d67726f75703a2f666978747572652f6f7264657273222c20226d657373616765223a2022706c61696e206c696e
        65205c7530306539222c202274696d657374616d70223a20313739353432313930303530302c2022696e67657374696f
        6e54696d65223a20313739363332353635303135317d5d7d963ee198
        """)

    static func bytes(_ hex: String) -> [UInt8] {
        let digits = Array(hex.filter { !$0.isWhitespace })
        return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(digits[$0..<$0 + 2]), radix: 16)! }
    }

    static func decodeAll(_ bytes: [UInt8], chunk: Int = .max) throws -> [EventStreamMessage] {
        var decoder = EventStreamDecoder()
        var messages: [EventStreamMessage] = []
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + min(chunk, bytes.count))
            messages += try decoder.feed(bytes[offset..<end])
            offset = end
        }
        try decoder.finish()
        return messages
    }

    static func error(_ bytes: [UInt8]) -> EventStreamError? {
        do {
            _ = try decodeAll(bytes)
            return nil
        } catch {
            return error as? EventStreamError
        }
    }

    @Test func crc32MatchesTheStandardCheckValue() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([UInt8]()) == 0)
        var running = CRC32()
        running.update(Array("1234".utf8))
        running.update(Array("56789".utf8))
        #expect(running.value == 0xCBF4_3926)
    }

    @Test func everyHeaderTypeIsRead() throws {
        let messages = try Self.decodeAll(Self.allTypes)
        #expect(messages.count == 1)
        let headers = try #require(messages.first).headers
        #expect(headers["true"] == .bool(true))
        #expect(headers["false"] == .bool(false))
        #expect(headers["byte"] == .byte(-7))
        #expect(headers["short"] == .short(-300))
        #expect(headers["int"] == .integer(-70000))
        #expect(headers["long"] == .long(-5_000_000_000))
        #expect(headers["bytes"] == .byteArray([0x00, 0xFF, 0x10]))
        #expect(headers["string"] == .string("héllo"))
        #expect(headers["time"] == .timestamp(Date(timeIntervalSince1970: 1_795_421_900.123)))
        #expect(headers["uuid"] == .uuid(UUID(uuidString: "0F8FAD5B-D9CB-469F-A165-70867728950E")!))
        #expect(messages.first?.payload == Array(#"{"ok":true}"#.utf8))
    }

    @Test func motoAnswerDecodesInAnyChunking() throws {
        let whole = try Self.decodeAll(Self.moto)
        #expect(whole.map(\.eventType) == ["initial-response", "sessionStart", "sessionUpdate"])
        #expect(whole.allSatisfy { $0.messageType == "event" })
        let update = String(decoding: whole[2].payload, as: UTF8.self)
        // moto escapes non-ASCII in its JSON.
        #expect(update.contains(#"plain line \u00e9"#))
        for chunk in [1, 2, 3, 7, 11, 12, 13, 64, 500] {
            #expect(try Self.decodeAll(Self.moto, chunk: chunk) == whole, "chunks of \(chunk)")
        }
    }

    @Test func anExceptionFrameIsReadAsOne() throws {
        let message = try #require(try Self.decodeAll(Self.exception).first)
        #expect(message.messageType == "exception")
        #expect(message.exceptionType == "SessionTimeoutException")
    }

    @Test func aBadPreludeChecksumIsAnError() {
        var bytes = Self.moto
        bytes[8] ^= 0x01
        let error = Self.error(bytes)
        guard case .preludeChecksum = error?.kind else {
            Issue.record("expected a prelude checksum error, got \(String(describing: error))")
            return
        }
        #expect(error?.reason.contains("message 1: prelude checksum") == true)
    }

    @Test func aBadMessageChecksumIsAnErrorNotASkip() throws {
        // A bit flipped in the third message's payload: the first two come out, then the error.
        var bytes = Self.moto
        bytes[bytes.count - 20] ^= 0x20
        var decoder = EventStreamDecoder()
        decoder.append(bytes)
        #expect(try decoder.next()?.eventType == "initial-response")
        #expect(try decoder.next()?.eventType == "sessionStart")
        #expect(throws: EventStreamError.self) { _ = try decoder.next() }
        #expect(decoder.decoded == 2)
        guard case .messageChecksum = Self.error(bytes)?.kind else {
            Issue.record("expected a message checksum error")
            return
        }
        #expect(Self.error(bytes)?.reason.hasPrefix("message 3: message checksum") == true)
        // Once refused, the stream stays refused (no resync past a bad frame).
        #expect(throws: EventStreamError.self) { _ = try decoder.feed(Self.allTypes) }
    }

    @Test func aTruncatedBodyIsAnError() {
        for cut in [1, 4, 11, 12, 40, Self.moto.count - 1] {
            let error = Self.error(Array(Self.moto.prefix(cut)))
            #expect(error?.kind == .truncated, "cut at \(cut): \(String(describing: error))")
        }
        #expect(Self.error(Array(Self.moto.prefix(Self.moto.count - 1)))?.reason.contains("message 3") == true)
    }

    @Test func oversizedOrInconsistentLengthsAreErrors() {
        // Prelude CRCs recomputed, so the lengths themselves are what is refused.
        func prelude(total: UInt32, headers: UInt32) -> [UInt8] {
            var bytes = EventStreamFrames.bigEndian(total) + EventStreamFrames.bigEndian(headers)
            bytes += EventStreamFrames.bigEndian(CRC32.checksum(bytes))
            return bytes
        }
        #expect(Self.error(prelude(total: 0xFFFF_FFF0, headers: 0))?.kind == .oversized)
        #expect(Self.error(prelude(total: 1_000_000, headers: 200_000))?.kind == .oversized)
        #expect(Self.error(prelude(total: 20, headers: 10))?.kind == .invalidLengths)
        #expect(Self.error(prelude(total: 4, headers: 0))?.kind == .invalidLengths)
    }

    @Test func anUnknownHeaderTypeIsAnError() {
        var frame = EventStreamFrames.frame([("x", "y")])
        // The type byte of header "x" (after prelude, name length and name) set to 10, CRC fixed.
        frame[12 + 2] = 10
        let body = Array(frame.dropLast(4))
        frame = body + EventStreamFrames.bigEndian(CRC32.checksum(body))
        #expect(Self.error(frame)?.kind == .unknownHeaderType(10))
    }

    @Test func aHeaderRunningPastItsBlockIsAnError() {
        var frame = EventStreamFrames.frame([("name", "value")])
        frame[12 + 1 + 4 + 1 + 1] = 0x40  // a string length of 64 in a 13-byte block
        let body = Array(frame.dropLast(4))
        frame = body + EventStreamFrames.bigEndian(CRC32.checksum(body))
        #expect(Self.error(frame)?.kind == .malformedHeaders)
    }
}
