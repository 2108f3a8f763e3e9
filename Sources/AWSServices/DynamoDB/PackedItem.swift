/// A DynamoDB item packed into one byte array — for holding thousands of items, not for working
/// on one. As a `DynamoItem` an order item of a dozen attributes costs ~2 kB (a hash table sized
/// for growth, a heap string per long value, a table per nested map); packed it is one allocation
/// of about its text's size. The dashboard's window holds 10,000 orders, so this is most of its
/// memory. Unpacking gives the item back exactly (`item`), every type included.
///
/// Names are packed in order, so two packings of equal items are equal bytes: `==` and `hash`
/// work on the bytes. (Values compare by their UTF-8 bytes here, as DynamoDB compares them;
/// Swift's `==` on `String` would also equate canonically equivalent spellings.)
public struct PackedItem: Sendable, Hashable {
    /// Count, then per attribute: name, tagged value (`Tag`); lengths and counts as LEB128.
    public let bytes: [UInt8]

    public init(_ item: DynamoItem) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Self.estimatedSize(of: item))
        Self.pack(item, into: &bytes)
        self.bytes = bytes
    }

    /// Bytes packed by `DynamoJSONReader.pack(itemAt:into:)`, the same as `init(_:)` makes.
    init(packed bytes: [UInt8]) { self.bytes = bytes }

    /// The top-level attributes named in `names` (nil where absent), in one pass: the rest is
    /// stepped over, not unpacked (an order's typed fields are read this way).
    public func values(named names: AttributeNames) -> [AttributeValue?] {
        var found = [AttributeValue?](repeating: nil, count: names.utf8.count)
        bytes.withUnsafeBufferPointer { buffer in
            var reader = Reader(bytes: buffer)
            for _ in 0..<reader.count() {
                let length = reader.count()
                let name = UnsafeBufferPointer(rebasing: buffer[reader.index..<reader.index + length])
                reader.index += length
                if let position = names.utf8.firstIndex(where: { $0.count == name.count && $0.elementsEqual(name) }) {
                    found[position] = reader.value()
                } else {
                    reader.skipValue()
                }
            }
        }
        return found
    }

    /// The item as it was packed.
    public var item: DynamoItem {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = Reader(bytes: buffer)
            return reader.item()
        }
    }

    public static let empty = PackedItem([:])

    enum Tag: UInt8 {
        case s, n, b, boolFalse, boolTrue, null, m, l, ss, ns, bs
    }

    // MARK: packing

    static func pack(_ item: DynamoItem, into bytes: inout [UInt8]) {
        packCount(item.count, into: &bytes)
        for (name, value) in item.sorted(by: { $0.key < $1.key }) {
            packText(name, into: &bytes)
            pack(value, into: &bytes)
        }
    }

    static func pack(_ value: AttributeValue, into bytes: inout [UInt8]) {
        switch value {
        case .s(let text): packTexts(.s, [text], into: &bytes)
        case .n(let text): packTexts(.n, [text], into: &bytes)
        case .b(let data):
            bytes.append(Tag.b.rawValue)
            packBytes(data, into: &bytes)
        case .bool(let flag): bytes.append((flag ? Tag.boolTrue : Tag.boolFalse).rawValue)
        case .null: bytes.append(Tag.null.rawValue)
        case .m(let map):
            bytes.append(Tag.m.rawValue)
            pack(map, into: &bytes)
        case .l(let list):
            bytes.append(Tag.l.rawValue)
            packCount(list.count, into: &bytes)
            for element in list { pack(element, into: &bytes) }
        case .ss(let texts): packTexts(.ss, texts, counted: true, into: &bytes)
        case .ns(let texts): packTexts(.ns, texts, counted: true, into: &bytes)
        case .bs(let datas):
            bytes.append(Tag.bs.rawValue)
            packCount(datas.count, into: &bytes)
            for data in datas { packBytes(data, into: &bytes) }
        }
    }

    /// A tag, then the texts (a count first for the sets, which may hold any number).
    static func packTexts(_ tag: Tag, _ texts: [String], counted: Bool = false, into bytes: inout [UInt8]) {
        bytes.append(tag.rawValue)
        if counted { packCount(texts.count, into: &bytes) }
        for text in texts { packText(text, into: &bytes) }
    }

    static func packText(_ text: String, into bytes: inout [UInt8]) {
        packCount(text.utf8.count, into: &bytes)
        bytes.append(contentsOf: text.utf8)
    }

    static func packBytes(_ data: [UInt8], into bytes: inout [UInt8]) {
        packCount(data.count, into: &bytes)
        bytes.append(contentsOf: data)
    }

    /// LEB128: seven bits a byte, low first — one byte for anything under 128.
    static func packCount(_ count: Int, into bytes: inout [UInt8]) {
        var rest = UInt(count)
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// Room for the packing in one allocation for a flat item (nested values may grow it once).
    static func estimatedSize(of item: DynamoItem) -> Int {
        item.reduce(1) { size, member in
            let valueSize: Int
            switch member.value {
            case .s(let text), .n(let text): valueSize = text.utf8.count + 2
            case .b(let data): valueSize = data.count + 3
            default: valueSize = 16
            }
            return size + member.key.utf8.count + 2 + valueSize
        }
    }

    // MARK: unpacking

    /// Reads what `pack` wrote. The bytes come from `pack` alone (the initialiser is the only way
    /// in), so they are well formed by construction.
    struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        mutating func item() -> DynamoItem {
            let count = self.count()
            var item = DynamoItem(minimumCapacity: count)
            for _ in 0..<count {
                let name = text()
                item[name] = value()
            }
            return item
        }

        mutating func value() -> AttributeValue {
            let tag = Tag(rawValue: bytes[index])
            index += 1
            switch tag {
            case .s: return .s(text())
            case .n: return .n(text())
            case .b: return .b(data())
            case .boolFalse: return .bool(false)
            case .boolTrue: return .bool(true)
            case .null, nil: return .null
            case .m: return .m(item())
            case .l: return .l((0..<count()).map { _ in value() })
            case .ss: return .ss((0..<count()).map { _ in text() })
            case .ns: return .ns((0..<count()).map { _ in text() })
            case .bs: return .bs((0..<count()).map { _ in data() })
            }
        }

        /// Steps over one value without unpacking it.
        mutating func skipValue() {
            let tag = Tag(rawValue: bytes[index])
            index += 1
            switch tag {
            case .s, .n, .b: skipBytes()
            case .boolFalse, .boolTrue, .null, nil: break
            case .m:
                for _ in 0..<count() {
                    skipBytes()
                    skipValue()
                }
            case .l: for _ in 0..<count() { skipValue() }
            case .ss, .ns, .bs: for _ in 0..<count() { skipBytes() }
            }
        }

        mutating func skipBytes() { index += count() }

        mutating func count() -> Int {
            var value = 0
            var shift = 0
            while true {
                let byte = bytes[index]
                index += 1
                value |= Int(byte & 0x7F) << shift
                if byte < 0x80 { return value }
                shift += 7
            }
        }

        mutating func text() -> String {
            let length = count()
            defer { index += length }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<index + length]), as: UTF8.self)
        }

        mutating func data() -> [UInt8] {
            let length = count()
            defer { index += length }
            return Array(bytes[index..<index + length])
        }
    }
}
