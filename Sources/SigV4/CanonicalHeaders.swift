/// The canonical headers block and the signed-headers list of a request.
///
/// Names are lower-cased and sorted; values are trimmed with inner runs of white space (including
/// the line breaks of folded, multi-line values) collapsed to one space; repeated names are joined
/// with commas in the order they appeared.
///
/// Written as bytes straight into the canonical request (`write`): every request the client sends
/// goes through here, and a `String` per name and value was most of the signer's own time.
struct CanonicalHeaders {
    let canonical: String
    let signedHeaders: String

    /// The block and the list as text (presigning and the details the tests compare).
    init(_ headers: [SigningRequest.Header]) {
        var block: [UInt8] = []
        var signed: [UInt8] = []
        Self.write(headers, block: &block, signed: &signed)
        canonical = String(decoding: block, as: UTF8.self)
        signedHeaders = String(decoding: signed, as: UTF8.self)
    }

    /// Where one signed header's lower-cased name lies in the names buffer, and where the header
    /// stood (the tie-break that keeps repeated names in the order they appeared: Swift's sort is
    /// not stable by itself).
    private struct Entry {
        var start: Int32
        var end: Int32
        var position: Int32
    }

    /// Appends the `name:value\n` lines to `block` and the `;`-separated names to `signed`.
    static func write(_ headers: [SigningRequest.Header], block: inout [UInt8], signed: inout [UInt8]) {
        var names: [UInt8] = []
        names.reserveCapacity(headers.count * 20)
        var entries: [Entry] = []
        entries.reserveCapacity(headers.count)
        for (position, header) in headers.enumerated() {
            let start = names.count
            names.append(contentsOf: header.name.utf8)
            names.withUnsafeMutableBufferPointer { names in
                for index in start..<names.count { names[index] = lowercased(names[index]) }
            }
            if isUnsigned(names[start...]) {
                names.removeSubrange(start...)
            } else {
                entries.append(Entry(start: Int32(start), end: Int32(names.count), position: Int32(position)))
            }
        }
        names.withUnsafeBufferPointer { names in
            func name(_ entry: Entry) -> UnsafeBufferPointer<UInt8> {
                UnsafeBufferPointer(rebasing: names[Int(entry.start)..<Int(entry.end)])
            }
            entries.sort { lhs, rhs in
                let left = name(lhs)
                let right = name(rhs)
                return left.elementsEqual(right)
                    ? lhs.position < rhs.position : left.lexicographicallyPrecedes(right)
            }
            var index = 0
            while index < entries.count {
                let current = name(entries[index])
                block.append(contentsOf: current)
                block.append(UInt8(ascii: ":"))
                appendNormalized(headers[Int(entries[index].position)].value, to: &block)
                index += 1
                while index < entries.count, name(entries[index]).elementsEqual(current) {
                    block.append(UInt8(ascii: ","))
                    appendNormalized(headers[Int(entries[index].position)].value, to: &block)
                    index += 1
                }
                block.append(0x0A)
                if !signed.isEmpty { signed.append(UInt8(ascii: ";")) }
                signed.append(contentsOf: current)
            }
        }
    }

    @inline(__always)
    static func lowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
    }

    /// Whether a lower-cased name is one of `SigV4Signer.unsignedHeaders`.
    static func isUnsigned(_ name: ArraySlice<UInt8>) -> Bool {
        switch name.count {
        case 6: return name.elementsEqual("expect".utf8)
        case 10: return name.elementsEqual("user-agent".utf8)
        case 13: return name.elementsEqual("authorization".utf8)
        case 15: return name.elementsEqual("x-amzn-trace-id".utf8)
        default: return false
        }
    }

    /// A value trimmed, its inner runs of spaces, tabs and line breaks collapsed to one space.
    /// Most values need nothing done and are copied whole.
    static func appendNormalized(_ value: String, to out: inout [UInt8]) {
        let copied = value.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            var previousSpace = true  // a leading space is not clean
            for byte in bytes {
                if byte == 0x09 || byte == 0x0A || byte == 0x0D || (byte == 0x20 && previousSpace) { return false }
                previousSpace = byte == 0x20
            }
            guard !previousSpace else { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if copied == true { return }
        var pendingSpace = false
        var wrote = false
        for byte in value.utf8 {
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                pendingSpace = wrote
            } else {
                if pendingSpace { out.append(0x20) }
                pendingSpace = false
                out.append(byte)
                wrote = true
            }
        }
    }
}
