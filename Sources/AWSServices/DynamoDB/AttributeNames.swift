/// Attribute names to pick out of items by their bytes — from a Scan answer's text
/// (`DynamoRawPage.transcodeItem`) or a packed item (`PackedItem.values(named:)`) — in UTF-8 once,
/// not per item.
public struct AttributeNames: Sendable {
    public let names: [String]
    let utf8: [[UInt8]]

    public init(_ names: [String]) {
        self.names = names
        utf8 = names.map { Array($0.utf8) }
    }

    /// Where `name` is among them.
    public func index(of name: String) -> Int? { names.firstIndex(of: name) }
}
