import AWSClient
import AWSServices
import Foundation

extension Order {
    /// The CLI's JSON record of an order (`orders --output json`; stable field names for scripts),
    /// written straight into a byte buffer: a listing streams page by page, and a 50,000-order
    /// table never becomes a tree of values or one giant string. The item itself follows as
    /// `attributes` in DynamoDB's own JSON (`{"S": …}`, `{"N": "…"}`), names sorted, so the same
    /// item prints the same bytes every run.
    public func writeJSON(into out: inout [UInt8]) {
        out.append(contentsOf: #"{"id":"#.utf8)
        JSONValue.writeString(id, into: &out)
        out.append(contentsOf: #","user_id":"#.utf8)
        JSONValue.writeString(userId, into: &out)
        out.append(contentsOf: #","status":"#.utf8)
        JSONValue.writeString(status, into: &out)
        out.append(contentsOf: #","createdAt":"#.utf8)
        Self.writeDate(createdAt, into: &out)
        out.append(contentsOf: #","updatedAt":"#.utf8)
        Self.writeDate(updatedAt, into: &out)
        out.append(contentsOf: #","amount":"#.utf8)
        if let amount { Self.writeAmount(amount, into: &out) } else { out.append(contentsOf: "null".utf8) }
        out.append(contentsOf: #","currency":"#.utf8)
        Self.writeOptional(currency, into: &out)
        out.append(contentsOf: #","executionArn":"#.utf8)
        Self.writeOptional(executionArn, into: &out)
        out.append(contentsOf: #","attributes":"#.utf8)
        Self.writeTyped(attributes, into: &out)
        out.append(UInt8(ascii: "}"))
    }

    static func writeDate(_ date: Date?, into out: inout [UInt8]) {
        guard let date else {
            out.append(contentsOf: "null".utf8)
            return
        }
        out.append(0x22)
        ISO8601.writeMilliseconds(date, into: &out)
        out.append(0x22)
    }

    static func writeOptional(_ text: String?, into out: inout [UInt8]) {
        if let text { JSONValue.writeString(text, into: &out) } else { out.append(contentsOf: "null".utf8) }
    }

    /// A JSON number when the stored text is one (its exact digits kept: 38-digit amounts survive),
    /// else the text as a string.
    static func writeAmount(_ text: String, into out: inout [UInt8]) {
        if case .number(let number)? = try? JSONValue.parse(text) {
            out.append(contentsOf: number.utf8)
        } else {
            JSONValue.writeString(text, into: &out)
        }
    }

    static func writeTyped(_ item: DynamoItem, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        // Sorted pairs: no second lookup (and hash) per attribute.
        for (offset, attribute) in item.sorted(by: { $0.key < $1.key }).enumerated() {
            if offset > 0 { out.append(UInt8(ascii: ",")) }
            JSONValue.writeString(attribute.key, into: &out)
            out.append(UInt8(ascii: ":"))
            writeTyped(attribute.value, into: &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    static func writeTyped(_ value: AttributeValue, into out: inout [UInt8]) {
        func tag(_ name: StaticString) {
            out.append(contentsOf: #"{""#.utf8)
            out.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
            out.append(contentsOf: #"":"#.utf8)
        }
        switch value {
        case .s(let text):
            tag("S")
            JSONValue.writeString(text, into: &out)
        case .n(let text):
            tag("N")
            JSONValue.writeString(text, into: &out)
        case .b(let bytes):
            tag("B")
            JSONValue.writeString(Data(bytes).base64EncodedString(), into: &out)
        case .bool(let flag):
            tag("BOOL")
            out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .null:
            tag("NULL")
            out.append(contentsOf: "true".utf8)
        case .m(let map):
            tag("M")
            writeTyped(map, into: &out)
        case .l(let values):
            tag("L")
            writeList(values, into: &out) { writeTyped($0, into: &$1) }
        case .ss(let texts):
            tag("SS")
            writeList(texts, into: &out) { JSONValue.writeString($0, into: &$1) }
        case .ns(let numbers):
            tag("NS")
            writeList(numbers, into: &out) { JSONValue.writeString($0, into: &$1) }
        case .bs(let blobs):
            tag("BS")
            writeList(blobs, into: &out) { JSONValue.writeString(Data($0).base64EncodedString(), into: &$1) }
        }
        out.append(UInt8(ascii: "}"))
    }

    static func writeList<T>(_ values: [T], into out: inout [UInt8], _ element: (T, inout [UInt8]) -> Void) {
        out.append(UInt8(ascii: "["))
        for (offset, value) in values.enumerated() {
            if offset > 0 { out.append(UInt8(ascii: ",")) }
            element(value, &out)
        }
        out.append(UInt8(ascii: "]"))
    }
}
