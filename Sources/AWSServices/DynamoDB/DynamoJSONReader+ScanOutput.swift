import Foundation

extension DynamoDB.ScanOutput {
    /// Reads a Scan/Query answer in one pass over its bytes straight into `AttributeValue`s — no
    /// intermediate JSON tree, strings without escapes copied whole. `JSONDecoder`'s generic
    /// keyed containers made a 1 MB page cost ~100 ms, a tree first ~20 ms. Anything this reader
    /// refuses (binary attributes, malformed text) is decoded once more by `JSONDecoder`, so a
    /// malformed answer still gets its precise error.
    public init(jsonBytes bytes: [UInt8]) throws {
        if let output = bytes.withUnsafeBufferPointer({ buffer -> DynamoDB.ScanOutput? in
            var reader = DynamoJSONReader(bytes: buffer)
            return try? reader.scanOutput()
        }) {
            self = output
            return
        }
        self = try JSONDecoder().decode(DynamoDB.ScanOutput.self, from: Data(bytes))
    }
}

extension DynamoJSONReader {
    mutating func scanOutput() throws -> DynamoDB.ScanOutput {
        var output = DynamoDB.ScanOutput()
        try members { reader, key in
            switch key {
            case "Items":
                var items: [DynamoItem] = []
                try reader.elements { reader in items.append(try reader.item(depth: 1)) }
                output.Items = items
            case "Count": output.Count = try reader.integer()
            case "ScannedCount": output.ScannedCount = try reader.integer()
            case "LastEvaluatedKey": output.LastEvaluatedKey = try reader.item(depth: 1)
            default: try reader.skipValue(depth: 1)  // ConsumedCapacity and whatever comes later
            }
        }
        skipSpace()
        guard index == bytes.count else { throw Refused() }
        return output
    }

    /// `{"name": {"S": …}, …}`
    mutating func item(depth: Int) throws -> DynamoItem {
        guard depth < Self.maxDepth else { throw Refused() }
        // Room for a typical order item up front: growing 1 → 3 → 6 → 12 rehashed every key.
        var item = DynamoItem(minimumCapacity: depth == 1 ? 16 : 4)
        try members { reader, name in item[name] = try reader.attributeValue(depth: depth + 1) }
        return item
    }

    /// `{"S": "…"}`, `{"N": "…"}`, `{"M": {…}}`, … — exactly one type key.
    mutating func attributeValue(depth: Int) throws -> AttributeValue {
        guard depth < Self.maxDepth else { throw Refused() }
        var value: AttributeValue?
        try members { reader, type in
            guard value == nil else { throw Refused() }
            switch type {
            case "S": value = .s(try reader.string())
            case "N": value = .n(try reader.string())
            case "BOOL": value = .bool(try reader.boolean())
            case "NULL":
                guard try reader.boolean() else { throw Refused() }
                value = .null
            case "M": value = .m(try reader.item(depth: depth))
            case "L":
                var list: [AttributeValue] = []
                try reader.elements { reader in list.append(try reader.attributeValue(depth: depth + 1)) }
                value = .l(list)
            case "SS", "NS":
                var texts: [String] = []
                try reader.elements { reader in texts.append(try reader.string()) }
                value = type == "SS" ? .ss(texts) : .ns(texts)
            default: throw Refused()  // B and BS (base64) and anything odd: the Codable path knows them
            }
        }
        guard let value else { throw Refused() }
        return value
    }
}
