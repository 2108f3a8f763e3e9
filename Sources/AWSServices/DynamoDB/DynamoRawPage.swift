import AWSClient
import Foundation

/// A Scan or Query answer whose items stay text — byte ranges of the answer — for a consumer that
/// writes them straight out (`orders --output json`): 50,000 items never become 50,000
/// dictionaries. Only `LastEvaluatedKey` (for the next page) is decoded.
public struct DynamoRawPage: DynamoPage {
    public let bytes: [UInt8]
    /// Each item's `{…}` in `bytes`, in answer order.
    let itemRanges: [Range<Int>]
    /// The items decoded whole, for the rare answer the one-pass reader refuses as a page.
    let decodedItems: [DynamoItem]?
    public let LastEvaluatedKey: DynamoItem?

    public var count: Int { decodedItems?.count ?? itemRanges.count }

    public init(jsonBytes bytes: [UInt8]) throws {
        self.bytes = bytes
        if let raw = bytes.withUnsafeBufferPointer({ buffer in
            var reader = DynamoJSONReader(bytes: buffer)
            return try? reader.rawScanOutput()
        }) {
            itemRanges = raw.items
            LastEvaluatedKey = raw.lastEvaluatedKey
            decodedItems = nil
            return
        }
        // What the reader refuses, the decoded path reads (or says precisely what is wrong).
        let output = try DynamoDB.ScanOutput(jsonBytes: bytes)
        itemRanges = []
        LastEvaluatedKey = output.LastEvaluatedKey
        decodedItems = output.Items ?? []
    }

    /// Writes item `index` as `DynamoJSONWriter.write` writes it decoded, after `header` has been
    /// handed the decoded values of the attributes named in `picking` (nil where absent). Returns
    /// false, having written nothing, when the item needs decoding (binary attributes, names with
    /// escapes or beyond ASCII, anything odd): `item(at:)` then reads it.
    public func transcodeItem(
        at index: Int, picking names: AttributeNames, into out: inout [UInt8],
        header: ([AttributeValue?], inout [UInt8]) -> Void
    ) -> Bool {
        guard decodedItems == nil else { return false }
        let mark = out.count
        let range = itemRanges[index]
        let written = bytes.withUnsafeBufferPointer { buffer in
            var reader = DynamoJSONReader(bytes: buffer)
            reader.index = range.lowerBound
            return (try? reader.transcodeItem(picking: names, into: &out, header: header)) != nil
        }
        if !written { out.removeSubrange(mark...) }
        return written
    }

    /// Item `index` decoded.
    public func item(at index: Int) throws -> DynamoItem {
        if let decodedItems { return decodedItems[index] }
        let range = itemRanges[index]
        if let item = bytes.withUnsafeBufferPointer({ buffer -> DynamoItem? in
            var reader = DynamoJSONReader(bytes: buffer)
            reader.index = range.lowerBound
            return try? reader.item(depth: 1)
        }) {
            return item
        }
        return try JSONDecoder().decode(DynamoItem.self, from: Data(bytes[range]))
    }
}
