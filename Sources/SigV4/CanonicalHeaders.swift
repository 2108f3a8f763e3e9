/// The canonical headers block and the signed-headers list of a request.
///
/// Names are lower-cased and sorted; values are trimmed with inner runs of white space (including
/// the line breaks of folded, multi-line values) collapsed to one space; repeated names are joined
/// with commas in the order they appeared.
struct CanonicalHeaders {
    let canonical: String
    let signedHeaders: String

    init(_ headers: [SigningRequest.Header]) {
        var grouped: [String: [String]] = [:]
        var order: [String] = []
        for header in headers {
            let name = header.name.lowercased()
            if SigV4Signer.unsignedHeaders.contains(name) { continue }
            if grouped[name] == nil { order.append(name) }
            grouped[name, default: []].append(Self.normalizeValue(header.value))
        }
        let names = order.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var block = ""
        for name in names {
            block += name
            block += ":"
            block += grouped[name]!.joined(separator: ",")
            block += "\n"
        }
        canonical = block
        signedHeaders = names.joined(separator: ";")
    }

    static func normalizeValue(_ value: String) -> String {
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
