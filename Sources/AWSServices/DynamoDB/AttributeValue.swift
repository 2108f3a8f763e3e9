import Foundation

/// A DynamoDB attribute value, every type of the wire format, round-tripping losslessly:
/// numbers stay text (DynamoDB numbers have up to 38 significant digits), binaries stay bytes.
/// Not `indirect`: maps and lists hold their elements on the heap already, and boxing every
/// value cost an allocation per attribute.
public enum AttributeValue: Sendable, Hashable, Codable {
    case s(String)
    case n(String)
    case b([UInt8])
    case bool(Bool)
    case null
    case m([String: AttributeValue])
    case l([AttributeValue])
    case ss([String])
    case ns([String])
    case bs([[UInt8]])

    enum Key: String, CodingKey, CaseIterable {
        case S, N, B, BOOL, NULL, M, L, SS, NS, BS
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: DynamicCodingKey.self)
        let keys = container.allKeys
        guard keys.count == 1, let key = keys.first, let type = Key(rawValue: key.stringValue) else {
            let names = keys.map(\.stringValue).sorted().joined(separator: ", ")
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: keys.isEmpty
                        ? "an attribute value needs exactly one type key (S, N, B, BOOL, NULL, M, L, SS, NS, BS); found none"
                        : "an attribute value needs exactly one type key (S, N, B, BOOL, NULL, M, L, SS, NS, BS); found \(names)"
                ))
        }
        switch type {
        case .S: self = .s(try container.decode(String.self, forKey: key))
        case .N:
            self = .n(
                try Self.checkedNumber(try container.decode(String.self, forKey: key), container.codingPath + [key]))
        case .B:
            self = .b(try Self.base64(try container.decode(String.self, forKey: key), container.codingPath + [key]))
        case .BOOL: self = .bool(try container.decode(Bool.self, forKey: key))
        case .NULL: self = .null
        case .M: self = .m(try container.decode([String: AttributeValue].self, forKey: key))
        case .L: self = .l(try container.decode([AttributeValue].self, forKey: key))
        case .SS: self = .ss(try container.decode([String].self, forKey: key))
        case .NS:
            let numbers = try container.decode([String].self, forKey: key)
            self = .ns(try numbers.map { try Self.checkedNumber($0, container.codingPath + [key]) })
        case .BS:
            self = .bs(
                try container.decode([String].self, forKey: key).map {
                    try Self.base64($0, container.codingPath + [key])
                })
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        switch self {
        case .s(let value): try container.encode(value, forKey: .S)
        case .n(let value): try container.encode(value, forKey: .N)
        case .b(let value): try container.encode(Data(value).base64EncodedString(), forKey: .B)
        case .bool(let value): try container.encode(value, forKey: .BOOL)
        case .null: try container.encode(true, forKey: .NULL)
        case .m(let value): try container.encode(value, forKey: .M)
        case .l(let value): try container.encode(value, forKey: .L)
        case .ss(let value): try container.encode(value, forKey: .SS)
        case .ns(let value): try container.encode(value, forKey: .NS)
        case .bs(let value): try container.encode(value.map { Data($0).base64EncodedString() }, forKey: .BS)
        }
    }

    private static func base64(_ text: String, _ path: [any CodingKey]) throws -> [UInt8] {
        guard let data = Data(base64Encoded: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: path, debugDescription: "binary value is not base64"))
        }
        return Array(data)
    }

    /// DynamoDB numbers: optional sign, digits, optional fraction and exponent. Text is kept as is.
    private static func checkedNumber(_ text: String, _ path: [any CodingKey]) throws -> String {
        guard Self.isNumber(text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: path, debugDescription: "'\(text.prefix(40))' is not a number"))
        }
        return text
    }

    static func isNumber(_ text: String) -> Bool {
        var bytes = Substring(text).utf8[...]
        if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        var digits = 0
        var seenDot = false
        while let byte = bytes.first {
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                digits += 1
            } else if byte == UInt8(ascii: "."), !seenDot {
                seenDot = true
            } else {
                break
            }
            bytes = bytes.dropFirst()
        }
        guard digits > 0 else { return false }
        if let marker = bytes.first, marker == UInt8(ascii: "e") || marker == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
            guard !bytes.isEmpty, bytes.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
                return false
            }
            return true
        }
        return bytes.isEmpty
    }

    /// The value as plain text for tables: strings as is, numbers exact, containers as JSON-ish.
    public var displayText: String {
        switch self {
        case .s(let value): return value
        case .n(let value): return value
        case .b(let value): return "<\(value.count) bytes: \(Data(value).base64EncodedString().prefix(24))>"
        case .bool(let value): return value ? "true" : "false"
        case .null: return "null"
        case .m(let value):
            return "{"
                + value.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.displayText)" }.joined(separator: ", ")
                + "}"
        case .l(let value): return "[" + value.map(\.displayText).joined(separator: ", ") + "]"
        case .ss(let value): return "<<" + value.joined(separator: ", ") + ">>"
        case .ns(let value): return "<<" + value.joined(separator: ", ") + ">>"
        case .bs(let value): return "<<\(value.count) binaries>>"
        }
    }

    public var stringValue: String? {
        if case .s(let value) = self { return value }
        return nil
    }

    public var numberText: String? {
        if case .n(let value) = self { return value }
        return nil
    }
}

/// A DynamoDB item: attribute name → value.
public typealias DynamoItem = [String: AttributeValue]

struct DynamicCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) {
        self.stringValue = String(intValue)
        self.intValue = intValue
    }
}
