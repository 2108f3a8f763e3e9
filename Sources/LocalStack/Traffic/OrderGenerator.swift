import AWSClient
import Foundation

/// Varied, realistic orders for seeding the local stack: several users, one to four line items,
/// amounts with cents, some with gift wrap (which exercises a Retry and a Catch), some with a
/// backordered item (a Map iteration whose task is retried, then caught) or a discontinued one (a
/// failed iteration that cancels the order) — so seeded orders take every path of OrderWorkflow.
/// A seeded generator makes a run reproducible.
public struct OrderGenerator: Sendable {
    struct Product {
        let sku: String
        let name: String
        let cents: Int
    }

    static let users = ["demo_user", "alice", "bob", "carol", "dave", "erin", "frank"]
    static let catalog = [
        Product(sku: "MUG-001", name: "Coffee mug", cents: 1250), Product(sku: "TEE-042", name: "T-shirt", cents: 2400),
        Product(sku: "BAG-007", name: "Tote bag", cents: 1800), Product(sku: "CAP-003", name: "Cap", cents: 1599),
        Product(sku: "PEN-100", name: "Fountain pen", cents: 8900),
        Product(sku: "NB-220", name: "Notebook", cents: 650),
        Product(sku: "HD-330", name: "Headphones", cents: 12999),
    ]

    /// Sold out: reserving it fails, is retried once, and is caught (the item is marked backordered).
    static let backordered = Product(sku: "BACK-900", name: "Limited print", cents: 4500)
    /// No longer sold: its iteration fails and the order is cancelled.
    static let discontinued = Product(sku: "DISCONTINUED-001", name: "Old poster", cents: 700)

    private var state: UInt64

    public init(seed: UInt64 = UInt64(Date().timeIntervalSince1970 * 1000)) {
        state = seed
    }

    /// SplitMix64: small, fast and good enough for test data.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func pick<T>(_ values: [T]) -> T { values[Int(next() % UInt64(values.count))] }

    public mutating func order() -> JSONValue {
        let user = pick(Self.users)
        var items: [JSONValue] = []
        var totalCents = 0
        var products = (0..<(1 + Int(next() % 4))).map { _ in pick(Self.catalog) }
        switch next() % 100 {
        case ..<10: products.append(Self.backordered)
        case 10..<14: products.append(Self.discontinued)
        default: break
        }
        for product in products {
            let quantity = 1 + Int(next() % 3)
            totalCents += product.cents * quantity
            items.append(
                .object([
                    ("sku", .string(product.sku)), ("name", .string(product.name)),
                    ("quantity", .number(String(quantity))),
                    ("unitPrice", .number(Self.money(product.cents))),
                ]))
        }
        let id = Self.uuid(next(), next())
        return .object([
            ("id", .string(id)),
            ("user_id", .string(user)),
            ("customer", .object([("email", .string("\(user)@example.com")), ("name", .string(user.capitalized))])),
            ("items", .array(items)),
            ("amount", .number(Self.money(totalCents))),
            ("currency", .string("EUR")),
            ("giftWrap", .bool(next() % 100 < 15)),
        ])
    }

    static func money(_ cents: Int) -> String { "\(cents / 100).\(String(format: "%02d", cents % 100))" }

    static func uuid(_ high: UInt64, _ low: UInt64) -> String {
        let hex = String(format: "%016llx%016llx", high, low)
        let chars = Array(hex)
        return
            "\(String(chars[0..<8]))-\(String(chars[8..<12]))-4\(String(chars[13..<16]))-a\(String(chars[17..<20]))-\(String(chars[20..<32]))"
    }
}
