import AWSClient
import Foundation

/// The one-pass reader behind `ScanOutput(jsonBytes:)`. It throws `Refused` for anything it does
/// not take on itself; the caller then falls back to the Codable path.
struct DynamoJSONReader {
    struct Refused: Error {}

    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    /// Nesting deeper than this is left to the Codable path (DynamoDB allows 32 levels).
    static let maxDepth = 64

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    // MARK: JSON structure

    @inline(__always)
    mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    @inline(__always)
    mutating func expect(_ byte: UInt8) throws {
        skipSpace()
        guard index < bytes.count, bytes[index] == byte else { throw Refused() }
        index += 1
    }

    /// Whether the next non-space byte is `byte` (consumed if so).
    @inline(__always)
    mutating func take(_ byte: UInt8) -> Bool {
        skipSpace()
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    /// Calls `body` with each member name of an object, the reader at the member's value.
    mutating func members(_ body: (inout DynamoJSONReader, String) throws -> Void) throws {
        try members(name: { try $0.string() }, body)
    }

    /// The same with each name read by `name` (as a `String`, a byte range, or stepped over).
    @inline(__always)
    mutating func members<Name>(
        name readName: (inout DynamoJSONReader) throws -> Name, _ body: (inout DynamoJSONReader, Name) throws -> Void
    ) throws {
        try expect(UInt8(ascii: "{"))
        if take(UInt8(ascii: "}")) { return }
        repeat {
            skipSpace()
            let name = try readName(&self)
            try expect(UInt8(ascii: ":"))
            skipSpace()
            try body(&self, name)
        } while take(UInt8(ascii: ","))
        try expect(UInt8(ascii: "}"))
    }

    /// Calls `body` at each element of an array.
    mutating func elements(_ body: (inout DynamoJSONReader) throws -> Void) throws {
        try expect(UInt8(ascii: "["))
        if take(UInt8(ascii: "]")) { return }
        repeat {
            skipSpace()
            try body(&self)
        } while take(UInt8(ascii: ","))
        try expect(UInt8(ascii: "]"))
    }

    /// The one scan every string read starts with (a value, a member name, a string transcoded or
    /// packed): from the opening quote, the bytes up to the closing one when none is an escape or
    /// a control character (nor, with `asciiOnly`, beyond ASCII), the reader then past the closing
    /// quote. Nil otherwise, with the reader back at the opening quote for the slower path.
    @inline(__always)
    mutating func plainString(asciiOnly: Bool = false) throws -> Range<Int>? {
        try expect(UInt8(ascii: "\""))
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return start..<index - 1
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 || (asciiOnly && byte >= 0x80) { break }
            index += 1
        }
        index = start - 1
        return nil
    }

    mutating func string() throws -> String {
        if let plain = try plainString() {
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[plain]), as: UTF8.self)
        }
        // Escapes (rare in DynamoDB answers): the general parser reads this one string.
        var end = index + 1
        while end < bytes.count, bytes[end] != UInt8(ascii: "\"") {
            end += bytes[end] == UInt8(ascii: "\\") ? 2 : 1
        }
        guard end < bytes.count, case .string(let text) = try JSONValue.parse(Array(bytes[index...end])) else {
            throw Refused()
        }
        index = end + 1
        return text
    }

    mutating func boolean() throws -> Bool {
        skipSpace()
        if matches("true") { return true }
        if matches("false") { return false }
        throw Refused()
    }

    mutating func matches(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count,
            memcmp(bytes.baseAddress! + index, word.utf8Start, count) == 0
        else { return false }
        index += count
        return true
    }

    mutating func integer() throws -> Int {
        skipSpace()
        let start = index
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
        guard index > start,
            let value = Int(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
        else { throw Refused() }
        return value
    }

    /// Steps over a string without reading it (escapes are checked when it is read).
    mutating func skipString() throws {
        try expect(UInt8(ascii: "\""))
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""):
                index += 1
                return
            case UInt8(ascii: "\\"): index += 2
            case 0..<0x20: throw Refused()
            default: index += 1
            }
        }
        throw Refused()
    }

    /// Steps over any JSON value (members this reader does not use).
    mutating func skipValue(depth: Int) throws {
        guard depth < Self.maxDepth else { throw Refused() }
        skipSpace()
        guard index < bytes.count else { throw Refused() }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            // Names stepped over, not read: stepping over an item builds no `String`.
            try members(name: { try $0.skipString() }, { reader, _ in try reader.skipValue(depth: depth + 1) })
        case UInt8(ascii: "["): try elements { reader in try reader.skipValue(depth: depth + 1) }
        case UInt8(ascii: "\""): try skipString()
        default:
            // A number or literal: up to the next delimiter.
            let start = index
            while index < bytes.count,
                ![UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x0A, 0x0D, 0x09]
                    .contains(bytes[index])
            {
                index += 1
            }
            guard index > start else { throw Refused() }
        }
    }
}
