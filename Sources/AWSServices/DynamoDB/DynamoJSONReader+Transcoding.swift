import AWSClient
import Foundation

/// Writing items from an answer's text as `DynamoJSONWriter` writes them decoded — every map's
/// names sorted, strings escaped the same way — without building a dictionary or a `String` per
/// value. Whatever is not plain (binary values, names with escapes or beyond ASCII, duplicate
/// names) is refused, and the caller decodes that item instead: the bytes never differ.
extension DynamoJSONReader {
    /// A Scan/Query answer's items as byte ranges, and its `LastEvaluatedKey` decoded.
    mutating func rawScanOutput() throws -> (items: [Range<Int>], lastEvaluatedKey: DynamoItem?) {
        var items: [Range<Int>] = []
        var lastEvaluatedKey: DynamoItem?
        try members { reader, key in
            switch key {
            case "Items":
                try reader.elements { reader in
                    let start = reader.index
                    try reader.skipValue(depth: 1)
                    items.append(start..<reader.index)
                }
            case "LastEvaluatedKey": lastEvaluatedKey = try reader.item(depth: 1)
            default: try reader.skipValue(depth: 1)
            }
        }
        skipSpace()
        guard index == bytes.count else { throw Refused() }
        return (items, lastEvaluatedKey)
    }

    /// One member of a map: its name (plain ASCII, no escapes) and where its value starts.
    struct Member {
        var name: Range<Int>
        var value: Int
    }

    /// The item at the reader: `header` gets the decoded values named in `names`, then the
    /// attributes follow in name order.
    mutating func transcodeItem(
        picking names: AttributeNames, into out: inout [UInt8], header: ([AttributeValue?], inout [UInt8]) -> Void
    ) throws {
        let members = try sortedMembers(depth: 1)
        let end = index
        var picked = [AttributeValue?](repeating: nil, count: names.utf8.count)
        for member in members {
            guard let slot = names.utf8.firstIndex(where: { isName(member.name, $0) }) else { continue }
            index = member.value
            picked[slot] = try attributeValue(depth: 2)
        }
        index = end
        header(picked, &out)
        try write(members, depth: 1, into: &out)
    }

    /// A map's members, sorted by name (byte order: for ASCII names, `String`'s order).
    mutating func sortedMembers(depth: Int) throws -> [Member] {
        guard depth < Self.maxDepth else { throw Refused() }
        var found: [Member] = []
        try members(
            name: { try $0.plainName() },
            { reader, name in
                found.append(Member(name: name, value: reader.index))
                try reader.skipValue(depth: depth + 1)
            })
        let end = index
        found.sort { precedes($0.name, $1.name) }
        // A name twice: a dictionary keeps one of them; leave that to the decoded path.
        for (one, next) in zip(found, found.dropFirst()) where !precedes(one.name, next.name) { throw Refused() }
        index = end
        return found
    }

    mutating func write(_ members: [Member], depth: Int, into out: inout [UInt8]) throws {
        let end = index
        out.append(UInt8(ascii: "{"))
        for (offset, member) in members.enumerated() {
            if offset > 0 { out.append(UInt8(ascii: ",")) }
            JSONValue.writeString(utf8: UnsafeBufferPointer(rebasing: bytes[member.name]), into: &out)
            out.append(UInt8(ascii: ":"))
            index = member.value
            try transcodeValue(depth: depth + 1, into: &out)
        }
        out.append(UInt8(ascii: "}"))
        index = end
    }

    /// `{"S": …}`, `{"M": {…}}`, … at the reader, written back with maps sorted.
    mutating func transcodeValue(depth: Int, into out: inout [UInt8]) throws {
        guard depth < Self.maxDepth else { throw Refused() }
        try expect(UInt8(ascii: "{"))
        skipSpace()
        let type = try plainName()
        try expect(UInt8(ascii: ":"))
        skipSpace()
        out.append(contentsOf: #"{""#.utf8)
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[type]))
        out.append(contentsOf: #"":"#.utf8)
        switch type.count == 1 ? bytes[type.lowerBound] : 0 {
        case UInt8(ascii: "S"), UInt8(ascii: "N"): try transcodeString(into: &out)
        case UInt8(ascii: "M"): try write(try sortedMembers(depth: depth), depth: depth, into: &out)
        case UInt8(ascii: "L"): try transcodeElements(into: &out) { try $0.transcodeValue(depth: depth + 1, into: &$1) }
        default:
            if isName(type, "BOOL") {
                out.append(contentsOf: (try boolean() ? "true" : "false").utf8)
            } else if isName(type, "NULL") {
                guard try boolean() else { throw Refused() }
                out.append(contentsOf: "true".utf8)
            } else if isName(type, "SS") || isName(type, "NS") {
                try transcodeElements(into: &out) { try $0.transcodeString(into: &$1) }
            } else {
                throw Refused()  // B and BS (base64 is re-encoded from the bytes) and anything odd
            }
        }
        // Exactly one type key: a second member fails here.
        try expect(UInt8(ascii: "}"))
        out.append(UInt8(ascii: "}"))
    }

    /// An array at the reader, written back element by element (`[a,b]`, as `DynamoJSONWriter.writeList`).
    mutating func transcodeElements(
        into out: inout [UInt8], _ element: (inout DynamoJSONReader, inout [UInt8]) throws -> Void
    ) throws {
        out.append(UInt8(ascii: "["))
        var first = true
        try elements { reader in
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            try element(&reader, &out)
        }
        out.append(UInt8(ascii: "]"))
    }

    /// A string at the reader, escaped as `JSONValue.writeString` escapes it. Plain ASCII is
    /// copied; escapes and other UTF-8 go through `String` (repaired as the decoded path repairs it).
    mutating func transcodeString(into out: inout [UInt8]) throws {
        if let plain = try plainString(asciiOnly: true) {
            JSONValue.writeString(utf8: UnsafeBufferPointer(rebasing: bytes[plain]), into: &out)
        } else {
            JSONValue.writeString(try string(), into: &out)
        }
    }

    /// A member name that is plain ASCII without escapes, as its range (others are refused).
    mutating func plainName() throws -> Range<Int> {
        guard let name = try plainString(asciiOnly: true) else { throw Refused() }
        return name
    }

    func isName(_ range: Range<Int>, _ name: [UInt8]) -> Bool {
        name.withUnsafeBufferPointer { isName(range, $0) }
    }

    func isName(_ range: Range<Int>, _ name: StaticString) -> Bool {
        isName(range, UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
    }

    func isName(_ range: Range<Int>, _ name: UnsafeBufferPointer<UInt8>) -> Bool {
        guard range.count == name.count else { return false }
        return name.isEmpty || memcmp(bytes.baseAddress! + range.lowerBound, name.baseAddress!, name.count) == 0
    }

    func precedes(_ one: Range<Int>, _ other: Range<Int>) -> Bool {
        let shared = min(one.count, other.count)
        let order =
            shared == 0 ? 0 : memcmp(bytes.baseAddress! + one.lowerBound, bytes.baseAddress! + other.lowerBound, shared)
        return order != 0 ? order < 0 : one.count < other.count
    }
}
