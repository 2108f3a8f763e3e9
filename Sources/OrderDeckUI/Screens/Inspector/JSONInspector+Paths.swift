import OrderDeckCore

/// Paths into the inspected document ($.a.b[2], with quoted keys where needed).
extension JSONInspector {
    /// Path segments: `.name` (escaped) and `[index]`.
    static func segments(_ path: String) -> [String] {
        var segments: [String] = []
        var current = ""
        var escaped = false
        for character in path.dropFirst() {  // "$"
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "." || character == "[" {
                if !current.isEmpty { segments.append(current) }
                current = character == "[" ? "[" : "."
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { segments.append(current) }
        return segments
    }

    static func parent(of path: String) -> String? {
        let parts = segments(path)
        guard !parts.isEmpty else { return nil }
        return "$"
            + parts.dropLast().map { part in
                part.hasPrefix(".") ? "." + escape(String(part.dropFirst())) : part
            }.joined()
    }

    static func value(at path: String, in root: JSONValue) -> JSONValue? {
        var current = root
        for part in segments(path) {
            if part.hasPrefix("[") {
                guard case .array(let elements) = current, let index = Int(part.dropFirst().dropLast()),
                    elements.indices.contains(index)
                else { return nil }
                current = elements[index]
            } else {
                guard case .object(let members) = current,
                    let found = members.first(where: { $0.0 == String(part.dropFirst()) })
                else { return nil }
                current = found.1
            }
        }
        return current
    }
}
