/// Several plain texts searched for at once: a row is read once, and only where two bytes begin
/// one of the texts is it compared — 135 pasted order ids over 100,000 rows in one pass each,
/// not 135 searches per row.
public struct LiteralSet: Sendable {
    /// The texts as bytes, grouped by their first two bytes (a one-byte text by its first byte).
    private let byPair: [UInt16: [[UInt8]]]
    private let single: [UInt8: Bool]
    /// Whether any text starts with this pair of bytes (65,536 flags: one load per position).
    private let pairs: [Bool]

    public init(_ texts: [String]) {
        var byPair: [UInt16: [[UInt8]]] = [:]
        var single: [UInt8: Bool] = [:]
        var pairs = [Bool](repeating: false, count: 1 << 16)
        for text in Set(texts) {
            let bytes = Array(text.utf8)
            if bytes.count == 1 {
                single[bytes[0]] = true
                continue
            }
            guard bytes.count >= 2 else { continue }
            let key = UInt16(bytes[0]) << 8 | UInt16(bytes[1])
            byPair[key, default: []].append(bytes)
            pairs[Int(key)] = true
        }
        self.byPair = byPair
        self.single = single
        self.pairs = pairs
    }

    /// Whether one of the texts occurs in `text` (bytes compared as they are: lower-case both).
    public func occurs(in text: String) -> Bool {
        var text = text
        return text.withUTF8 { haystack in
            let count = haystack.count
            guard count > 0 else { return false }
            return pairs.withUnsafeBufferPointer { pairs in
                for position in 0..<count {
                    if !single.isEmpty, single[haystack[position]] != nil { return true }
                    guard position + 1 < count else { break }
                    let key = UInt16(haystack[position]) << 8 | UInt16(haystack[position + 1])
                    guard pairs[Int(key)], let candidates = byPair[key] else { continue }
                    for candidate in candidates where position + candidate.count <= count {
                        var offset = 2
                        while offset < candidate.count && haystack[position + offset] == candidate[offset] {
                            offset += 1
                        }
                        if offset == candidate.count { return true }
                    }
                }
                return false
            }
        }
    }

    /// Where the texts occur in `text` (ASCII letters compared without case), left to right and
    /// not overlapping: what the table highlights, with no regular expression.
    public func ranges(in text: String) -> [Range<String.Index>] {
        let bytes = Array(text.utf8)
        func lower(_ byte: UInt8) -> UInt8 { byte >= 65 && byte <= 90 ? byte + 32 : byte }
        var found: [Range<String.Index>] = []
        var position = 0
        let utf8 = text.utf8
        while position < bytes.count {
            var length = 0
            if single[lower(bytes[position])] != nil { length = 1 }
            if position + 1 < bytes.count {
                let key = UInt16(lower(bytes[position])) << 8 | UInt16(lower(bytes[position + 1]))
                for candidate in byPair[key] ?? [] where position + candidate.count <= bytes.count {
                    var offset = 2
                    while offset < candidate.count && lower(bytes[position + offset]) == candidate[offset] {
                        offset += 1
                    }
                    if offset == candidate.count { length = max(length, candidate.count) }
                }
            }
            if length > 0 {
                let start = utf8.index(utf8.startIndex, offsetBy: position)
                found.append(start..<utf8.index(start, offsetBy: length))
                position += length
            } else {
                position += 1
            }
        }
        return found
    }
}
