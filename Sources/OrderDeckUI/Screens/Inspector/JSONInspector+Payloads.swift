import OrderDeckCore

extension JSONInspector {
    static func parsedOrText(_ text: String?) -> JSONValue {
        guard let text else { return .null }
        return (try? JSONValue.parse(text)) ?? .string(text)
    }

    /// Step Functions nests payloads as JSON strings ("input": "{\"a\":1}"); unfold them so they fold too.
    static func expanded(_ value: JSONValue, depth: Int = 0) -> JSONValue {
        guard depth < 8 else { return value }
        switch value {
        case .object(let members): return .object(members.map { ($0.0, expanded($0.1, depth: depth + 1)) })
        case .array(let elements): return .array(elements.map { expanded($0, depth: depth + 1) })
        case .string(let text):
            let trimmed = text.drop { $0 == " " }
            guard trimmed.hasPrefix("{") || trimmed.hasPrefix("["), let parsed = try? JSONValue.parse(text) else {
                return value
            }
            return expanded(parsed, depth: depth + 1)
        default: return value
        }
    }
}
