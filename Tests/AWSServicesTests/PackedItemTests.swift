import AWSServices
import Foundation
import TestSupport
import Testing

/// `PackedItem` holds the dashboard's window of orders: whatever goes in must come out the same,
/// and equal items must pack to equal bytes (the refresher compares held orders by them).
@Suite struct PackedItemTests {
    static let oddItems = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("OrderDeckCLITests/Fixtures/odd-orders.json")

    @Test func everyOddItemUnpacksAsItWasPacked() throws {
        let items = try JSONDecoder().decode([DynamoItem].self, from: Data(contentsOf: Self.oddItems))
        #expect(items.count >= 40)
        for item in items {
            let packed = PackedItem(item)
            #expect(packed.item == item)
            #expect(PackedItem(packed.item) == packed)
        }
    }

    @Test func randomItemsOfEveryTypeAndSizeRoundTrip() {
        var random = SeededGenerator(seed: 16)
        for round in 0..<500 {
            let item = Self.randomItem(depth: 0, using: &random)
            let packed = PackedItem(item)
            #expect(packed.item == item, "round \(round)")
            // The same members inserted in another order pack to the same bytes.
            var shuffled = DynamoItem()
            for (name, value) in item.shuffled(using: &random) { shuffled[name] = value }
            #expect(PackedItem(shuffled).bytes == packed.bytes, "round \(round)")
        }
    }

    @Test func lengthsAndCountsPastOneByteRoundTrip() {
        // 127 fits one length byte, 128 needs two, 16,384 three: each boundary once.
        for length in [0, 1, 127, 128, 129, 16_383, 16_384, 70_000] {
            let text = String(repeating: "é", count: length / 2) + String(repeating: "x", count: length % 2)
            let item: DynamoItem = [
                text.isEmpty ? "e" : text: .s(text), "set": .ss((0..<length % 300).map { "m\($0)" }),
                "bytes": .b((0..<length).map { UInt8(truncatingIfNeeded: $0) }),
                "list": .l((0..<length % 200).map { .n("\($0)") }),
            ]
            #expect(PackedItem(item).item == item, "length \(length)")
        }
    }

    @Test func differentItemsPackDifferently() {
        let base: DynamoItem = ["id": .s("1"), "n": .n("1"), "m": .m(["a": .bool(true)])]
        let variants: [DynamoItem] = [
            ["id": .s("1"), "n": .s("1"), "m": .m(["a": .bool(true)])],  // type, not text
            ["id": .s("1"), "n": .n("1"), "m": .m(["a": .bool(false)])],
            ["id": .s("1"), "n": .n("1"), "m": .l([.bool(true)])],
            ["id": .s("1"), "n": .n("1")],
            ["id": .s("1"), "n": .n("1"), "m": .m(["a": .bool(true)]), "x": .null],
            ["id": .s("1"), "n": .ns(["1"]), "m": .m(["a": .bool(true)])],
        ]
        for variant in variants {
            #expect(PackedItem(variant) != PackedItem(base), "\(variant)")
        }
        #expect(PackedItem(base) == PackedItem(base))
    }

    @Test func anOrderItemPacksSmallerThanItsText() throws {
        // The benchmark's order item (Benchmarks/run.py): packed, it is below its JSON text.
        let text = #"""
            {"user_id":{"S":"alice"},"id":{"S":"00000000-0000-4000-8000-000000000000"},"orderStatus":{"S":"COMPLETED"},
             "createdAt":{"S":"2026-11-18T11:06:40.000Z"},"updatedAt":{"S":"2026-11-18T11:06:40.000Z"},
             "amount":{"N":"10.00"},"currency":{"S":"EUR"},"giftWrap":{"BOOL":true},
             "customer":{"M":{"email":{"S":"customer0@example.com"},"name":{"S":"Customer 0"}}},
             "items":{"L":[{"M":{"sku":{"S":"SKU-000"},"name":{"S":"Coffee mug"},"quantity":{"N":"1"},"unitPrice":{"N":"9.99"}}}]},
             "executionArn":{"S":"arn:aws:states:us-east-1:123456789012:execution:OrderWorkflow-soak:00000000-0000-4000-8000-000000000000"},
             "createdDay":{"S":"2026-11-18"},"updatedDay":{"S":"2026-11-18"}}
            """#
        let item = try JSONDecoder().decode(DynamoItem.self, from: Data(text.utf8))
        let packed = PackedItem(item)
        let compact = text.utf8.filter { $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: " ") }.count
        #expect(packed.bytes.count < compact * 3 / 4, "packed \(packed.bytes.count) bytes, text \(compact)")
        #expect(packed.item == item)
    }

    static func randomItem(depth: Int, using random: inout SeededGenerator) -> DynamoItem {
        var item = DynamoItem()
        for _ in 0..<Int.random(in: 0...(depth == 0 ? 14 : 4), using: &random) {
            item[randomText(using: &random)] = randomValue(depth: depth + 1, using: &random)
        }
        return item
    }

    static func randomValue(depth: Int, using random: inout SeededGenerator) -> AttributeValue {
        let kinds = depth > 4 ? 6 : 11
        let count = Int.random(in: 0...5, using: &random)
        switch Int.random(in: 0..<kinds, using: &random) {
        case 0: return .s(randomText(using: &random))
        case 1: return .n(String(Int.random(in: -1_000_000...1_000_000, using: &random)))
        case 2:
            return .b(
                (0..<Int.random(in: 0...300, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) })
        case 3: return .bool(Bool.random(using: &random))
        case 4: return .null
        case 5: return .ss((0..<count).map { _ in randomText(using: &random) })
        case 6: return .m(randomItem(depth: depth, using: &random))
        case 7: return .l((0..<count).map { _ in randomValue(depth: depth + 1, using: &random) })
        case 8: return .ns((0..<count).map { "\($0).5" })
        case 9: return .bs((0..<count).map { [UInt8($0), 0, 255] })
        default: return .s(String(repeating: "☕", count: Int.random(in: 0...200, using: &random)))
        }
    }

    static func randomText(using random: inout SeededGenerator) -> String {
        let alphabet = Array("abcXYZ019 _-.:\"\\/\u{1}\u{7F}é☕𝄞")
        return String((0..<Int.random(in: 0...20, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
    }
}
