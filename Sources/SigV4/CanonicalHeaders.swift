/// The canonical headers block and the signed-headers list of a request.
///
/// Names are lower-cased and sorted; values are trimmed with inner runs of white space (including
/// the line breaks of folded, multi-line values) collapsed to one space; repeated names are joined
/// with commas in the order they appeared.
struct CanonicalHeaders {
    let canonical: String
    let signedHeaders: String

    init(_ headers: [SigningRequest.Header]) {
        // (lower-cased name, normalised value, position): sorted by name, then position, so
        // repeated names keep the order they appeared in (Swift's sort is not stable by itself).
        var entries: [(name: String, value: String, position: Int)] = []
        entries.reserveCapacity(headers.count)
        for (position, header) in headers.enumerated() {
            let name = Self.lowercased(header.name)
            if Self.isUnsigned(name) { continue }
            entries.append((name, Self.normalizeValue(header.value), position))
        }
        entries.sort { lhs, rhs in
            lhs.name == rhs.name ? lhs.position < rhs.position : lhs.name.utf8.lexicographicallyPrecedes(rhs.name.utf8)
        }
        var block = ""
        var signed = ""
        block.reserveCapacity(entries.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 2 })
        var index = 0
        while index < entries.count {
            let name = entries[index].name
            block += name
            block += ":"
            block += entries[index].value
            index += 1
            while index < entries.count, entries[index].name == name {
                block += ","
                block += entries[index].value
                index += 1
            }
            block += "\n"
            if !signed.isEmpty { signed += ";" }
            signed += name
        }
        canonical = block
        signedHeaders = signed
    }

    static func isUnsigned(_ lowerName: String) -> Bool {
        switch lowerName.utf8.count {
        case 6: return lowerName == "expect"
        case 10: return lowerName == "user-agent"
        case 13: return lowerName == "authorization"
        case 15: return lowerName == "x-amzn-trace-id"
        default: return false
        }
    }

    /// ASCII lower-casing that returns the same string (no copy) when there is nothing to change.
    static func lowercased(_ name: String) -> String {
        guard name.utf8.contains(where: { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }) else { return name }
        return String(
            decoding: name.utf8.map { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) ? $0 | 0x20 : $0 },
            as: UTF8.self)
    }

    static func normalizeValue(_ value: String) -> String {
        // Most values need nothing: no edge spaces, no tabs or line breaks, no double spaces.
        var clean = true
        var previousSpace = true  // a leading space is not clean
        for byte in value.utf8 {
            if byte == 0x09 || byte == 0x0A || byte == 0x0D || (byte == 0x20 && previousSpace) {
                clean = false
                break
            }
            previousSpace = byte == 0x20
        }
        if clean && !previousSpace { return value }
        if value.isEmpty { return value }
        var out: [UInt8] = []
        out.reserveCapacity(value.utf8.count)
        var pendingSpace = false
        for byte in value.utf8 {
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(0x20) }
                pendingSpace = false
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
