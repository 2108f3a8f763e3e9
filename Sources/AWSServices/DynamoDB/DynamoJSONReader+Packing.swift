/// Packing items straight from a Scan or Query answer's text (`DynamoPackedPage`): the bytes
/// `PackedItem(_:)` makes of the decoded item, without the decoded item — no dictionary, and no
/// `String` for a plain ASCII value. Anything unusual (binary values, a name given twice) is
/// refused, and the caller decodes the page instead, so the bytes never differ (a test holds the
/// two paths equal).
extension DynamoJSONReader {
    typealias Tag = PackedItem.Tag

    /// The answer's items packed, and its `LastEvaluatedKey`, `Count` and `ScannedCount`.
    mutating func packedPage() throws -> DynamoPackedPage.Parts {
        var parts = DynamoPackedPage.Parts()
        try members { reader, key in
            switch key {
            case "Items":
                try reader.elements { reader in
                    var bytes: [UInt8] = []
                    try reader.pack(itemAt: 1, into: &bytes)
                    parts.items.append(PackedItem(packed: bytes))
                }
            case "Count": parts.count = try reader.integer()
            case "ScannedCount": parts.scannedCount = try reader.integer()
            case "LastEvaluatedKey": parts.lastEvaluatedKey = try reader.item(depth: 1)
            default: try reader.skipValue(depth: 1)
            }
        }
        skipSpace()
        guard index == bytes.count else { throw Refused() }
        return parts
    }

    /// `{"name": {"S": …}, …}` packed: each value packed as it is read, then the members written
    /// in name order (the order `PackedItem.pack` writes).
    mutating func pack(itemAt depth: Int, into out: inout [UInt8]) throws {
        guard depth < Self.maxDepth else { throw Refused() }
        var named: [(name: String, value: Range<Int>)] = []
        var values: [UInt8] = []
        try members { reader, name in
            let start = values.count
            try reader.pack(valueAt: depth + 1, into: &values)
            named.append((name, start..<values.count))
        }
        named.sort { $0.name < $1.name }
        PackedItem.packCount(named.count, into: &out)
        var previous: String?
        for member in named {
            // A name given twice: the decoded item keeps the last; the decoded path handles it.
            guard member.name != previous else { throw Refused() }
            previous = member.name
            PackedItem.packText(member.name, into: &out)
            out.append(contentsOf: values[member.value])
        }
    }

    /// `{"S": "…"}`, `{"M": {…}}`, … packed: exactly one type key.
    mutating func pack(valueAt depth: Int, into out: inout [UInt8]) throws {
        guard depth < Self.maxDepth else { throw Refused() }
        var seen = false
        try members { reader, type in
            guard !seen else { throw Refused() }
            seen = true
            switch type {
            case "S":
                out.append(Tag.s.rawValue)
                try reader.packString(into: &out)
            case "N":
                out.append(Tag.n.rawValue)
                try reader.packString(into: &out)
            case "BOOL": out.append((try reader.boolean() ? Tag.boolTrue : Tag.boolFalse).rawValue)
            case "NULL":
                guard try reader.boolean() else { throw Refused() }
                out.append(Tag.null.rawValue)
            case "M":
                out.append(Tag.m.rawValue)
                try reader.pack(itemAt: depth, into: &out)
            case "L":
                out.append(Tag.l.rawValue)
                try reader.packCounted(into: &out) { reader, out in try reader.pack(valueAt: depth + 1, into: &out) }
            case "SS", "NS":
                out.append((type == "SS" ? Tag.ss : Tag.ns).rawValue)
                try reader.packCounted(into: &out) { reader, out in try reader.packString(into: &out) }
            default: throw Refused()  // B and BS (base64) and anything odd: decoded instead
            }
        }
        guard seen else { throw Refused() }
    }

    /// An array's elements, each packed by `element`, after their count.
    mutating func packCounted(
        into out: inout [UInt8], _ element: (inout DynamoJSONReader, inout [UInt8]) throws -> Void
    ) throws {
        var packed: [UInt8] = []
        var count = 0
        try elements { reader in
            try element(&reader, &packed)
            count += 1
        }
        PackedItem.packCount(count, into: &out)
        out.append(contentsOf: packed)
    }

    /// A string packed: plain ASCII copied as it stands; escapes or anything beyond ASCII read as
    /// `string()` reads it (so invalid UTF-8 is repaired the same way).
    mutating func packString(into out: inout [UInt8]) throws {
        if let plain = try plainString(asciiOnly: true) {
            PackedItem.packCount(plain.count, into: &out)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[plain]))
        } else {
            PackedItem.packText(try string(), into: &out)
        }
    }
}
