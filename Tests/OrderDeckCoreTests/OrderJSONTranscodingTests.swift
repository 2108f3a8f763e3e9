import AWSClient
import AWSServices
import Foundation
import OrderDeckCore
import Testing

/// `orders --output json` writes each item straight from the Scan answer's text (issue 16: no
/// dictionary per order). What it writes must be byte for byte what decoding the item and writing
/// the decoded order writes — for odd items, in every spelling an answer can take, and for
/// mangled answers too.
@Suite struct OrderJSONTranscodingTests {
    static let oddItems = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("OrderDeckCLITests/Fixtures/odd-orders.json")

    /// The answer's items written both ways, item by item; how many took the transcoding path.
    static func compare(_ answer: [UInt8]) throws -> (items: Int, transcoded: Int, differing: [Int]) {
        let page = try DynamoRawPage(jsonBytes: answer)
        var transcoded = 0
        var differing: [Int] = []
        for index in 0..<page.count {
            var direct: [UInt8] = []
            try Order.writeJSON(item: index, of: page, into: &direct)
            var decoded: [UInt8] = []
            Order(item: try page.item(at: index)).writeJSON(into: &decoded)
            if direct != decoded { differing.append(index) }
            var probe: [UInt8] = []
            if page.transcodeItem(at: index, picking: .init(["id"]), into: &probe, header: { _, _ in }) {
                transcoded += 1
            }
        }
        return (page.count, transcoded, differing)
    }

    /// The odd items and their answer in the three spellings a reader meets: the fixture's own
    /// (indented), compact UTF-8 as AWS writes it, and Python's as moto writes it; `tail` closes
    /// the compact answer after its items.
    static func oddItemSpellings(tail: String = #","Count":40}"#) throws -> (
        items: [DynamoItem], spellings: [(name: String, answer: [UInt8])]
    ) {
        let file = try Data(contentsOf: oddItems)
        let items = try JSONDecoder().decode([DynamoItem].self, from: file)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]  // as AWS writes them
        let compact = Array(#"{"Items":"#.utf8) + Array(try encoder.encode(items)) + Array(tail.utf8)
        return (
            items,
            [
                (
                    "the fixture's own (indented)",
                    Array(#"{"Items": "#.utf8) + Array(file) + Array(#", "Count": 40}"#.utf8)
                ),
                ("compact UTF-8 (AWS)", compact),
                ("Python's (moto)", pythonSpelling(compact)),
            ]
        )
    }

    /// Python's `json.dumps` spelling (moto's): spaces after separators, everything beyond ASCII
    /// as `\uXXXX` (surrogate pairs above U+FFFF).
    static func pythonSpelling(_ compact: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var inString = false
        var escaped = false
        for scalar in String(decoding: compact, as: UTF8.self).unicodeScalars {
            if inString {
                if escaped {
                    escaped = false
                } else if scalar == "\\" {
                    escaped = true
                } else if scalar == "\"" {
                    inString = false
                }
                if scalar.value < 0x80 {
                    out.append(UInt8(scalar.value))
                } else {
                    for unit in String(scalar).utf16 { out += Array(String(format: "\\u%04x", unit).utf8) }
                }
                continue
            }
            out.append(UInt8(scalar.value))
            if scalar == "\"" { inString = true }
            if scalar == ":" || scalar == "," { out.append(0x20) }
        }
        return out
    }

    @Test func everyItemIsWrittenAsItsDecodedOrderWouldBe() throws {
        let (items, spellings) = try Self.oddItemSpellings()
        #expect(items.count == 40)
        for (name, answer) in spellings {
            let result = try Self.compare(answer)
            #expect(result.items == 40, "\(name)")
            #expect(result.differing.isEmpty, "\(name): items \(result.differing) differ")
            // Only items with binary values (B, BS) or names beyond plain ASCII take the slow path.
            let slow = items.filter { item in
                func binary(_ value: AttributeValue) -> Bool {
                    switch value {
                    case .b, .bs: return true
                    case .m(let map): return map.values.contains(where: binary) || map.keys.contains { !plain($0) }
                    case .l(let list): return list.contains(where: binary)
                    default: return false
                    }
                }
                func plain(_ name: String) -> Bool {
                    name.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x80 && $0 != 0x5C && $0 != 0x22 }
                }
                return item.values.contains(where: binary) || item.keys.contains { !plain($0) }
            }.count
            #expect(result.transcoded == 40 - slow, "\(name): \(result.transcoded) transcoded, \(slow) need decoding")
            #expect(result.transcoded >= 30, "\(name)")
        }

        // Raw control-ish bytes an answer may carry unescaped (DEL) still come out escaped.
        let raw =
            Array(#"{"Items":[{"id":{"S":"a"#.utf8) + [0x7F] + Array(#"b"},"note":{"SS":["x"#.utf8) + [0x7F]
            + Array(#""]}}]}"#.utf8)
        let result = try Self.compare(raw)
        #expect(result.items == 1 && result.transcoded == 1 && result.differing.isEmpty)
    }

    /// A number no four-digit year can hold (a mangled answer made one, and writing it trapped):
    /// not a date — null in the record, the attribute kept as stored — and never a crash.
    @Test func epochNumbersBeyondYear9999AreNotDates() throws {
        for text in ["-1e20", "1e400", "nan", "-62135596801", "253402300800000000"] {
            let answer = Array(#"{"Items":[{"id":{"S":"x"},"createdAt":{"N":"\#(text)"}}]}"#.utf8)
            let page = try DynamoRawPage(jsonBytes: answer)
            var direct: [UInt8] = []
            try Order.writeJSON(item: 0, of: page, into: &direct)
            let record = try JSONValue.parse(direct)
            #expect(record["createdAt"] == .null, "\(text)")
            #expect(record["attributes"]?["createdAt"]?["N"]?.stringValue == text)
        }
        #expect(Order(item: ["createdAt": .n("1795000000")]).createdAt == Date(timeIntervalSince1970: 1_795_000_000))
        var out: [UInt8] = []
        ISO8601.writeMilliseconds(Date(timeIntervalSince1970: -1e15), into: &out)
        ISO8601.writeMilliseconds(Date(timeIntervalSince1970: .infinity), into: &out)
        #expect(String(decoding: out, as: UTF8.self) == "0001-01-01T00:00:00.000Z9999-12-31T23:59:59.000Z")
    }

    /// Mangled answers (bytes flipped, dropped, doubled, cut): whatever the page reader takes,
    /// each item is written the same both ways or refused both ways — never a crash.
    @Test func mangledAnswersAreWrittenTheSameBothWaysOrRefused() throws {
        let items = try JSONDecoder().decode([DynamoItem].self, from: Data(contentsOf: Self.oddItems))
        // Sorted keys: the same seed answer (and so the same mangled ones) every run — a
        // dictionary's order changes from process to process.
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let seed = Array(#"{"Items":"#.utf8) + Array(try encoder.encode(Array(items.prefix(12)))) + Array("}".utf8)
        var generator = ParserFuzzTests.Generator(state: 16)
        var pages = 0
        var compared = 0
        for _ in 0..<2_000 {
            let answer = generator.mutate(seed)
            guard let page = try? DynamoRawPage(jsonBytes: answer) else { continue }
            pages += 1
            for index in 0..<page.count {
                var direct: [UInt8] = []
                let directResult = Result { try Order.writeJSON(item: index, of: page, into: &direct) }
                let decoded = Result { try page.item(at: index) }
                switch (directResult, decoded) {
                case (.success, .success(let item)):
                    var written: [UInt8] = []
                    Order(item: item).writeJSON(into: &written)
                    #expect(
                        String(decoding: direct, as: UTF8.self) == String(decoding: written, as: UTF8.self),
                        "\(String(decoding: answer, as: UTF8.self))")
                    compared += 1
                case (.failure, .failure): break
                default: Issue.record("one way wrote item \(index), the other refused it")
                }
            }
        }
        #expect(pages > 200 && compared > 1_000, "\(pages) pages, \(compared) items compared")
    }
}
