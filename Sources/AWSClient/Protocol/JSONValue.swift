import Foundation

/// Any JSON value, kept losslessly: numbers keep their original text so 38-digit amounts and
/// large ids survive a round trip. Used for payloads whose shape we do not own (execution input
/// and output, history event details, log records).
public enum JSONValue: Sendable, Hashable, Codable, CustomStringConvertible {
    case null
    case bool(Bool)
    /// The number exactly as written.
    case number(String)
    case string(String)
    case array([JSONValue])
    /// Members in document order.
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(description)
    }

    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    public var objectMembers: [(String, JSONValue)]? {
        if case .object(let members) = self { return members }
        return nil
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let bool = try? container.decode(Bool.self) {
            self = .bool(bool)
        } else if let decimal = try? container.decode(Decimal.self), let double = try? container.decode(Double.self) {
            // Foundation's decoder does not hand out the raw text; Decimal keeps 38 digits, Double
            // decides whether the text had a fraction or exponent we should keep in that form.
            self = .number(double == double.rounded() && abs(double) < 1e15 ? String(Int64(double)) : "\(decimal)")
        } else if let string = try? container.decode(String.self) {
            self = .string(string)
        } else if let array = try? container.decode([JSONValue].self) {
            self = .array(array)
        } else {
            let object = try container.decode([String: JSONValue].self)
            self = .object(object.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let text):
            if let decimal = Decimal(string: text) { try container.encode(decimal) } else { try container.encode(text) }
        case .string(let value): try container.encode(value)
        case .array(let values): try container.encode(values)
        case .object(let members):
            var keyed = encoder.container(keyedBy: DynamicKey.self)
            for (key, value) in members { try keyed.encode(value, forKey: DynamicKey(key)) }
        }
    }

    /// Compact JSON text, members in order, strings escaped as JSON requires.
    public var description: String {
        var out: [UInt8] = []
        JSONText.write(self, into: &out, pretty: false, indent: 0)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `text` as a JSON string literal (quoted, escaped) to `out`.
    public static func writeString(_ text: String, into out: inout [UInt8]) {
        JSONText.writeString(text, into: &out)
    }

    /// Appends valid UTF-8 text as a JSON string literal, escaped exactly as `writeString(_:into:)`.
    public static func writeString(utf8 bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        JSONText.writeString(utf8: bytes, into: &out)
    }

    /// Appends the compact JSON text's UTF-8 bytes (no intermediate `String`).
    public func write(into out: inout [UInt8]) {
        JSONText.write(self, into: &out, pretty: false, indent: 0)
    }

    /// Indented JSON text for people.
    public var prettyText: String {
        var out: [UInt8] = []
        JSONText.write(self, into: &out, pretty: true, indent: 0)
        return String(decoding: out, as: UTF8.self)
    }

    /// Parses JSON text, keeping numbers as written and members in document order.
    public static func parse(_ text: String) throws -> JSONValue {
        try JSONText.parse(Array(text.utf8))
    }

    public static func parse(_ bytes: [UInt8]) throws -> JSONValue {
        try JSONText.parse(bytes)
    }
}

struct DynamicKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { return nil }
}

/// `JSONValue` under a name other modules can re-export without the module name (which the
/// `AWSClient` struct shadows).
public typealias AWSJSONValue = JSONValue
