import AWSClient
import AWSServices
import Foundation

/// An order as an operator reads it: the known fields of an ORDER item mapped, every other
/// attribute kept as it came (nested maps, sets, binaries, 38-digit numbers) — nothing is dropped
/// and nothing in an odd item can crash the mapping.
public struct Order: Sendable, Hashable, Identifiable {
    public var userId: String
    public var id: OrderID
    /// An order still PENDING after its execution ended is what `check` and the Overview look for.
    public var status: OrderStatus
    public var createdAt: Date?
    public var updatedAt: Date?
    /// The amount exactly as stored (DynamoDB numbers keep up to 38 digits).
    public var amount: String?
    public var currency: String?
    public var executionArn: ExecutionARN?
    public var customerEmail: String?
    public var itemCount: Int?
    /// Every attribute of the item, the known ones included, unpacked when asked for (the
    /// inspector, JSON output): held as a dictionary, an order cost ~2 kB, most of a 10,000-order
    /// window's memory; packed, about its text's size.
    public var attributes: DynamoItem {
        get { packedAttributes.item }
        set { packedAttributes = PackedItem(newValue) }
    }
    /// The attributes as held.
    public private(set) var packedAttributes: PackedItem

    /// Attributes that are not mapped to a field above.
    public var otherAttributes: DynamoItem {
        attributes.filter { !Self.knownKeys.contains($0.key) }
    }

    /// The attributes the typed fields are read from.
    static let fieldNames = AttributeNames([
        "user_id", "id", "orderStatus", "createdAt", "updatedAt", "amount", "currency", "executionArn", "customerEmail",
        "items",
    ])
    static let knownKeys = Set(fieldNames.names)

    public init(item: DynamoItem) {
        self.init(fields: Fields { item[$0] }, packed: PackedItem(item))
    }

    /// An order from its item packed (`DynamoPackedPage`), the typed fields read from it in one
    /// pass — no dictionary for the item.
    public init(packed: PackedItem) {
        self.init(fields: Fields(packed.values(named: Self.fieldNames), of: Self.fieldNames), packed: packed)
    }

    init(fields: Fields, packed: PackedItem) {
        packedAttributes = packed
        userId = fields.userId
        id = OrderID(fields.id)
        status = fields.status
        createdAt = fields.createdAt
        updatedAt = fields.updatedAt
        amount = fields.amount
        currency = fields.currency
        executionArn = fields.executionArn.map(ExecutionARN.init)
        customerEmail = fields.customerEmail
        itemCount = fields.itemCount
    }

    /// The typed fields of an order, read from its attributes by name: one reading for a decoded
    /// item and for an item written straight from a Scan answer's text (`writeJSON(item:of:)`).
    struct Fields {

        var userId: String
        var id: String
        var status: OrderStatus
        var createdAt: Date?
        var updatedAt: Date?
        var amount: String?
        var currency: String?
        var executionArn: String?
        var customerEmail: String?
        var itemCount: Int?

        /// From the values of `names`, in that order (nil where absent or not among them).
        init(_ values: [AttributeValue?], of names: AttributeNames) {
            self.init { name in names.index(of: name).flatMap { values[$0] } }
        }

        init(_ value: (String) -> AttributeValue?) {
            userId = value("user_id")?.displayText ?? ""
            id = value("id")?.displayText ?? ""
            let orderStatus = value("orderStatus")
            status = orderStatus.map { OrderStatus(rawValue: $0.stringValue ?? $0.displayText) } ?? .unknown
            createdAt = value("createdAt").flatMap(Order.date)
            updatedAt = value("updatedAt").flatMap(Order.date)
            switch value("amount") {
            case .n(let text)?: amount = text
            case .s(let text)?: amount = text
            default: amount = nil
            }
            currency = value("currency")?.stringValue
            executionArn = value("executionArn")?.stringValue
            customerEmail = value("customerEmail")?.stringValue
            switch value("items") {
            case .l(let list)?: itemCount = list.count
            case .s(let text)?:
                if case .array(let list)? = try? JSONValue.parse(text) { itemCount = list.count }
            default: itemCount = nil
            }
        }
    }

    /// ISO-8601 text (with or without fraction, `+00:00` or `Z`) or epoch seconds.
    static func date(_ value: AttributeValue) -> Date? {
        switch value {
        case .s(let text): return ISO8601.parse(text) ?? Self.isoWithOffset(text)
        case .n(let text):
            // Epoch seconds (or milliseconds) of years 0001–9999; anything else is not a date
            // (the attribute itself still shows as stored).
            guard let number = Double(text), number.isFinite else { return nil }
            let seconds = number > 1e11 ? number / 1000 : number
            guard (-62_135_596_800...253_402_300_799).contains(seconds) else { return nil }
            return Date(timeIntervalSince1970: seconds)
        default: return nil
        }
    }

    /// moto writes `2026-11-23T07:41:46.291996+00:00` (microseconds), which ISO8601DateFormatter refuses.
    static func isoWithOffset(_ text: String) -> Date? {
        guard let dot = text.firstIndex(of: ".") else { return nil }
        let zoneStart = text[dot...].firstIndex { $0 == "+" || $0 == "-" || $0 == "Z" } ?? text.endIndex
        let fraction = text[text.index(after: dot)..<zoneStart]
        let trimmed = String(text[..<dot]) + "." + String(fraction.prefix(3)) + String(text[zoneStart...])
        return ISO8601.parse(trimmed)
    }

    /// The execution name this order's workflow runs under (the order id, by convention).
    public var executionName: String { id.rawValue }
}
