import AWSClient
import Foundation

/// DynamoDB's own JSON (`{"S": …}`, `{"N": "…"}`, …) written straight into bytes, every map's names
/// sorted, so the same item prints the same bytes every run. `DynamoJSONReader.transcodeItem`
/// writes these same bytes from an answer's text without decoding it (a test holds them equal).
public enum DynamoJSONWriter {
    public static func write(_ item: DynamoItem, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        // Sorted pairs: no second lookup (and hash) per attribute.
        for (offset, attribute) in item.sorted(by: { $0.key < $1.key }).enumerated() {
            if offset > 0 { out.append(UInt8(ascii: ",")) }
            JSONValue.writeString(attribute.key, into: &out)
            out.append(UInt8(ascii: ":"))
            write(attribute.value, into: &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    public static func write(_ value: AttributeValue, into out: inout [UInt8]) {
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
            write(map, into: &out)
        case .l(let values):
            tag("L")
            writeList(values, into: &out) { write($0, into: &$1) }
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
