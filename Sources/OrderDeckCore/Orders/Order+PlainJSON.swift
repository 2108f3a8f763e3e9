import AWSClient
import AWSServices
import Foundation

extension Order {
    /// The whole item as plain JSON (S → string, N → number, sets → arrays), the keys first and
    /// the rest sorted: what the dashboard's inspector folds.
    public var plainJSON: JSONValue { Self.plain(attributes) }

    /// The item for people to read (the inspector): as `plainJSON`, but a binary value says it is
    /// binary and how long — base64 alone reads as a string the customer typed.
    public var inspectedJSON: JSONValue { Self.plain(attributes, markingBinary: true) }

    /// What a binary value reads as in the inspector.
    public static func binaryText(_ bytes: [UInt8]) -> String {
        "‹binary, \(bytes.count) byte\(bytes.count == 1 ? "" : "s")› " + Data(bytes).base64EncodedString()
    }

    static func plain(_ item: DynamoItem, markingBinary: Bool) -> JSONValue {
        let first = ["user_id", "id", "orderStatus", "createdAt", "updatedAt"]
        let keys = first.filter { item[$0] != nil } + item.keys.filter { !first.contains($0) }.sorted()
        return .object(keys.map { ($0, plain(item[$0]!, markingBinary: markingBinary)) })
    }

    static func plain(_ value: AttributeValue, markingBinary: Bool) -> JSONValue {
        guard markingBinary else { return plain(value) }
        switch value {
        case .b(let bytes): return .string(binaryText(bytes))
        case .bs(let blobs): return .array(blobs.map { .string(binaryText($0)) })
        case .m(let map): return .object(map.keys.sorted().map { ($0, plain(map[$0]!, markingBinary: true)) })
        case .l(let list): return .array(list.map { plain($0, markingBinary: true) })
        default: return plain(value)
        }
    }

    static func plain(_ item: DynamoItem) -> JSONValue {
        let first = ["user_id", "id", "orderStatus", "createdAt", "updatedAt"]
        let keys = first.filter { item[$0] != nil } + item.keys.filter { !first.contains($0) }.sorted()
        return .object(keys.map { ($0, plain(item[$0]!)) })
    }

    static func plain(_ value: AttributeValue) -> JSONValue {
        switch value {
        case .s(let text): return .string(text)
        case .n(let text): return .number(text)
        case .b(let bytes): return .string(Data(bytes).base64EncodedString())
        case .bool(let flag): return .bool(flag)
        case .null: return .null
        case .m(let map): return .object(map.keys.sorted().map { ($0, plain(map[$0]!)) })
        case .l(let list): return .array(list.map(plain))
        case .ss(let texts): return .array(texts.map(JSONValue.string))
        case .ns(let numbers): return .array(numbers.map(JSONValue.number))
        case .bs(let blobs): return .array(blobs.map { .string(Data($0).base64EncodedString()) })
        }
    }

}
