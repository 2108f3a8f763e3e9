import AWSClient
import Foundation

extension DynamoDB.ScanOutput {
    /// Reads a Scan/Query answer with OrderDeck's own JSON parser and a direct conversion to
    /// `AttributeValue`s: `JSONDecoder`'s generic keyed containers made a 1 MB page cost ~100 ms,
    /// most of a big table's client time. Anything this reader refuses is decoded once more by
    /// `JSONDecoder`, so a malformed answer still gets its precise error.
    public init(jsonBytes bytes: [UInt8]) throws {
        do {
            guard case .object(let members) = try JSONValue.parse(bytes) else { throw Refused() }
            var output = DynamoDB.ScanOutput()
            for (key, value) in members {
                switch key {
                case "Items":
                    guard case .array(let items) = value else { throw Refused() }
                    var decoded: [DynamoItem] = []
                    decoded.reserveCapacity(items.count)
                    for item in items { decoded.append(try Self.item(item)) }
                    output.Items = decoded
                case "Count":
                    guard case .number(let text) = value, let count = Int(text) else { throw Refused() }
                    output.Count = count
                case "ScannedCount":
                    guard case .number(let text) = value, let count = Int(text) else { throw Refused() }
                    output.ScannedCount = count
                case "LastEvaluatedKey":
                    output.LastEvaluatedKey = try Self.item(value)
                default:
                    continue  // ConsumedCapacity and whatever comes later: not used here
                }
            }
            self = output
        } catch {
            self = try JSONDecoder().decode(DynamoDB.ScanOutput.self, from: Data(bytes))
        }
    }

    private struct Refused: Error {}

    static func item(_ value: JSONValue) throws -> DynamoItem {
        guard case .object(let members) = value else { throw Refused() }
        var item = DynamoItem(minimumCapacity: members.count)
        for (name, attribute) in members { item[name] = try attributeValue(attribute) }
        return item
    }

    static func attributeValue(_ value: JSONValue) throws -> AttributeValue {
        guard case .object(let members) = value, members.count == 1 else { throw Refused() }
        let (type, content) = members[0]
        switch (type, content) {
        case ("S", .string(let text)): return .s(text)
        case ("N", .string(let text)): return .n(text)
        case ("BOOL", .bool(let flag)): return .bool(flag)
        case ("NULL", .bool(true)): return .null
        case ("M", .object(let entries)):
            var map = [String: AttributeValue](minimumCapacity: entries.count)
            for (name, entry) in entries { map[name] = try attributeValue(entry) }
            return .m(map)
        case ("L", .array(let list)): return .l(try list.map(attributeValue))
        case ("SS", .array(let list)):
            return .ss(
                try list.map {
                    guard case .string(let text) = $0 else { throw Refused() }
                    return text
                })
        case ("NS", .array(let list)):
            return .ns(
                try list.map {
                    guard case .string(let text) = $0 else { throw Refused() }
                    return text
                })
        default:
            throw Refused()  // B and BS (base64) and anything odd: the Codable path knows them
        }
    }
}
