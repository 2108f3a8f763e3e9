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
        Self.writeRecord(
            id: id.rawValue, userId: userId, status: status.rawValue, createdAt: createdAt, updatedAt: updatedAt,
            amount: amount,
            currency: currency, executionArn: executionArn?.rawValue, into: &out)
        DynamoJSONWriter.write(attributes, into: &out)
        out.append(UInt8(ascii: "}"))
    }

    /// The same record for item `index` of a page whose items are still text: the fields picked
    /// out of it, the attributes transcoded straight from the answer's bytes (no dictionary, no
    /// `String` per value) — byte for byte what `Order(item:).writeJSON` writes (a test holds them
    /// equal). An item the transcoder leaves alone (binary values, odd names) is decoded instead.
    public static func writeJSON(item index: Int, of page: DynamoRawPage, into out: inout [UInt8]) throws {
        let transcoded = page.transcodeItem(at: index, picking: recordNames, into: &out) { values, out in
            let fields = Fields(values, of: recordNames)
            writeRecord(
                id: fields.id, userId: fields.userId, status: fields.status.rawValue, createdAt: fields.createdAt,
                updatedAt: fields.updatedAt, amount: fields.amount, currency: fields.currency,
                executionArn: fields.executionArn, into: &out)
        }
        if transcoded {
            out.append(UInt8(ascii: "}"))
        } else {
            Order(item: try page.item(at: index)).writeJSON(into: &out)
        }
    }

    /// The attributes the record's typed fields come from (the nested `items` is not decoded).
    static let recordNames = AttributeNames([
        "id", "user_id", "orderStatus", "createdAt", "updatedAt", "amount", "currency", "executionArn",
    ])

    /// The record up to `"attributes":`.
    static func writeRecord(
        id: String, userId: String, status: String, createdAt: Date?, updatedAt: Date?, amount: String?,
        currency: String?, executionArn: String?, into out: inout [UInt8]
    ) {
        out.append(contentsOf: #"{"id":"#.utf8)
        JSONValue.writeString(id, into: &out)
        out.append(contentsOf: #","user_id":"#.utf8)
        JSONValue.writeString(userId, into: &out)
        out.append(contentsOf: #","status":"#.utf8)
        JSONValue.writeString(status, into: &out)
        out.append(contentsOf: #","createdAt":"#.utf8)
        writeDate(createdAt, into: &out)
        out.append(contentsOf: #","updatedAt":"#.utf8)
        writeDate(updatedAt, into: &out)
        out.append(contentsOf: #","amount":"#.utf8)
        if let amount { writeAmount(amount, into: &out) } else { out.append(contentsOf: "null".utf8) }
        out.append(contentsOf: #","currency":"#.utf8)
        writeOptional(currency, into: &out)
        out.append(contentsOf: #","executionArn":"#.utf8)
        writeOptional(executionArn, into: &out)
        out.append(contentsOf: #","attributes":"#.utf8)
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
}
