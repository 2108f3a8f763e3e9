import AWSClient
import Testing

@Suite struct JSONValueTests {
    @Test func keepsNumbersExactlyAndMembersInOrder() throws {
        let text =
            #"{"z":12345678901234567890123456789012345678,"a":-0.000000000000000000001,"m":[1e400,true,null,"x"]}"#
        let value = try JSONValue.parse(text)
        #expect(value.description == text)
        #expect(value["z"] == .number("12345678901234567890123456789012345678"))
    }

    @Test func escapesAndUnicodeRoundTrip() throws {
        let value = try JSONValue.parse(#"{"s":"line\nbreak \"q\" \u00e9 \ud83d\ude00 \u001b[31m"}"#)
        #expect(value["s"]?.stringValue == "line\nbreak \"q\" é 😀 \u{1B}[31m")
        #expect(try JSONValue.parse(value.description) == value)
        #expect(value.description.contains("\\u001b"))
    }

    @Test func errorsNameTheOffset() {
        #expect {
            _ = try JSONValue.parse(#"{"a": tru}"#)
        } throws: { error in
            String(describing: error) == "invalid JSON at byte 6: expected true"
        }
        #expect(throws: (any Error).self) { _ = try JSONValue.parse("[1,]") }
        #expect(throws: (any Error).self) { _ = try JSONValue.parse(#"{"a":1} x"#) }
        #expect(throws: (any Error).self) { _ = try JSONValue.parse(String(repeating: "[", count: 10_000)) }
        #expect(throws: (any Error).self) { _ = try JSONValue.parse("01") }
    }

    @Test func prettyPrintsNested() throws {
        let value = try JSONValue.parse(#"{"a":[1,{"b":2}],"c":{}}"#)
        #expect(value.prettyText == "{\n  \"a\": [\n    1,\n    {\n      \"b\": 2\n    }\n  ],\n  \"c\": {}\n}")
    }
}
