import AWSClient
import AWSServices
import Foundation
import OrderDeckCore
import Testing

/// The dashboard's orders are packed straight from the answer's text (`DynamoPackedPage`, no
/// dictionary per item). The packed bytes must be those of the decoded item packed, and the
/// order read from them the order read from the decoded item — for odd items in every spelling,
/// and for mangled answers.
@Suite struct PackedPageTests {
    /// The answer's items packed straight and decoded-then-packed; the indices that differ.
    static func compare(_ answer: [UInt8]) throws -> (items: Int, differing: [Int]) {
        let packed = try DynamoPackedPage(jsonBytes: answer)
        let decoded = try DynamoDB.ScanOutput(jsonBytes: answer)
        let items = decoded.Items ?? []
        #expect(packed.items.count == items.count)
        #expect(packed.LastEvaluatedKey == decoded.LastEvaluatedKey)
        #expect(packed.Count == decoded.Count && packed.ScannedCount == decoded.ScannedCount)
        var differing: [Int] = []
        for (index, item) in items.enumerated() where index < packed.items.count {
            if packed.items[index] != PackedItem(item) || Order(packed: packed.items[index]) != Order(item: item) {
                differing.append(index)
            }
        }
        return (items.count, differing)
    }

    @Test func everyOddItemPacksAsItsDecodedItemWould() throws {
        let (items, spellings) = try OrderJSONTranscodingTests.oddItemSpellings(
            tail: #","Count":40,"ScannedCount":41,"LastEvaluatedKey":{"id":{"S":"x"},"user_id":{"S":"u"}}}"#)
        #expect(items.count == 40)
        for (name, answer) in spellings {
            let result = try Self.compare(answer)
            #expect(result.items == 40, "\(name)")
            #expect(result.differing.isEmpty, "\(name): items \(result.differing) differ")
        }
        // Every order's typed fields come out of the packed item as out of the decoded one.
        let page = try DynamoPackedPage(jsonBytes: spellings[1].answer)
        for (packed, item) in zip(page.items, items) {
            let order = Order(packed: packed)
            #expect(order.attributes == item)
            #expect(order == Order(item: item))
        }
    }

    @Test func oddSpellingsOfOneItemPackTheSame() throws {
        // A name given twice (the last one counts), invalid UTF-8, escapes, DEL, a binary value,
        // values beyond ASCII: each the same bytes as decoding the item and packing it.
        let answers: [[UInt8]] = [
            Array(#"{"Items":[{"id":{"S":"a"},"id":{"S":"b"}}]}"#.utf8),
            Array(#"{"Items":[{"id":{"S":"a"#.utf8) + [0xFF, 0xC3] + Array(#"b"}}]}"#.utf8),
            Array(#"{"Items":[{"id":{"S":"a\"b\\c\u00e9\ud834\udd1e"},"n":{"N":"1e5"}}]}"#.utf8),
            Array(#"{"Items":[{"id":{"S":"a"#.utf8) + [0x7F] + Array(#""},"x":{"SS":["é","☕"]}}]}"#.utf8),
            Array(#"{"Items":[{"id":{"S":"a"},"b":{"B":"AAEC"},"bs":{"BS":["AA=="]}}]}"#.utf8),
            Array(
                #"{"Items":[{"m":{"M":{"z":{"L":[{"NULL":true},{"BOOL":false},{"M":{}}]},"a":{"NS":["1","2"]}}}}]}"#
                    .utf8),
            Array(#"{"Items":[]}"#.utf8),
        ]
        for answer in answers {
            let result = try Self.compare(answer)
            #expect(result.differing.isEmpty, "\(String(decoding: answer, as: UTF8.self))")
        }
    }

    /// Mangled answers: whatever one path takes the other takes the same, or both refuse.
    @Test func mangledAnswersPackTheSameOrAreRefusedBothWays() throws {
        let items = try JSONDecoder().decode(
            [DynamoItem].self, from: Data(contentsOf: OrderJSONTranscodingTests.oddItems))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let seed = Array(#"{"Items":"#.utf8) + Array(try encoder.encode(Array(items.prefix(12)))) + Array("}".utf8)
        var generator = ParserFuzzTests.Generator(state: 61)
        var compared = 0
        for _ in 0..<2_000 {
            let answer = generator.mutate(seed)
            let packed = try? DynamoPackedPage(jsonBytes: answer)
            let decoded = try? DynamoDB.ScanOutput(jsonBytes: answer)
            #expect((packed == nil) == (decoded == nil), "\(String(decoding: answer, as: UTF8.self))")
            guard let packed, let decoded else { continue }
            #expect(packed.items == (decoded.Items ?? []).map(PackedItem.init))
            compared += packed.items.count
        }
        #expect(compared > 1_000, "\(compared) items compared")
    }
}
