import AWSServices
import Foundation
import Testing

@Suite struct AttributeValueTests {
    func decode(_ json: String) throws -> DynamoItem {
        try JSONDecoder().decode(DynamoItem.self, from: Data(json.utf8))
    }

    @Test func everyTypeRoundTripsLosslessly() throws {
        let json = #"""
            {"s":{"S":"text ☕"},"n":{"N":"-12345678901234567890123456789012345678"},"f":{"N":"1.5E-130"},
             "b":{"B":"AAEC/w=="},"t":{"BOOL":true},"z":{"NULL":true},
             "m":{"M":{"inner":{"L":[{"N":"1"},{"S":"x"},{"M":{}}]}}},"l":{"L":[]},
             "ss":{"SS":["a","b"]},"ns":{"NS":["1","99999999999999999999999999999999999999"]},"bs":{"BS":["AA==","AQ=="]}}
            """#
        let item = try decode(json)
        #expect(item["n"] == .n("-12345678901234567890123456789012345678"))
        #expect(item["f"] == .n("1.5E-130"))
        #expect(item["b"] == .b([0, 1, 2, 255]))
        #expect(item["z"] == .null)
        #expect(item["bs"] == .bs([[0], [1]]))
        let again = try JSONDecoder().decode(DynamoItem.self, from: try JSONEncoder().encode(item))
        #expect(again == item)
    }

    @Test func malformedValuesSayWhatIsWrong() {
        let cases: [(String, String)] = [
            (#"{"a":{}}"#, "found none"),
            (#"{"a":{"S":"x","N":"1"}}"#, "found N, S"),
            (#"{"a":{"X":"1"}}"#, "found X"),
            (#"{"a":{"N":"12abc"}}"#, "is not a number"),
            (#"{"a":{"B":"***"}}"#, "not base64"),
            (#"{"a":{"NS":["1","x"]}}"#, "is not a number"),
        ]
        for (json, fragment) in cases {
            #expect {
                _ = try decode(json)
            } throws: { error in
                String(describing: error).contains(fragment)
            }
        }
    }

    @Test func displayTextIsExact() throws {
        let item = try decode(
            #"{"amount":{"N":"12345678901234567890123456789012345678"},"m":{"M":{"b":{"S":"2"},"a":{"N":"1"}}}}"#)
        #expect(item["amount"]?.displayText == "12345678901234567890123456789012345678")
        #expect(item["m"]?.displayText == "{a: 1, b: 2}")
    }
}
