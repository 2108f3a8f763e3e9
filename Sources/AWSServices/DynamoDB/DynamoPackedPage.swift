import AWSClient
import Foundation

/// A Scan or Query answer with its items packed (`PackedItem`) straight from the text, for a
/// consumer that holds them (the dashboard's window of orders): no dictionary per item on the
/// way. What the packing reader refuses is decoded and packed, so the items are the same bytes
/// either way.
public struct DynamoPackedPage: DynamoPage {
    public let items: [PackedItem]
    public let LastEvaluatedKey: DynamoItem?
    public let Count: Int?
    public let ScannedCount: Int?

    /// What the packing reader collects.
    struct Parts {
        var items: [PackedItem] = []
        var lastEvaluatedKey: DynamoItem?
        var count: Int?
        var scannedCount: Int?
    }

    public init(jsonBytes bytes: [UInt8]) throws {
        if let parts = bytes.withUnsafeBufferPointer({ buffer -> Parts? in
            var reader = DynamoJSONReader(bytes: buffer)
            return try? reader.packedPage()
        }) {
            items = parts.items
            LastEvaluatedKey = parts.lastEvaluatedKey
            Count = parts.count
            ScannedCount = parts.scannedCount
            return
        }
        // What the reader refuses, the decoded path reads (or says precisely what is wrong).
        let output = try DynamoDB.ScanOutput(jsonBytes: bytes)
        items = (output.Items ?? []).map(PackedItem.init)
        LastEvaluatedKey = output.LastEvaluatedKey
        Count = output.Count
        ScannedCount = output.ScannedCount
    }
}
