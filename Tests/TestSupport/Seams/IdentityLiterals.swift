import OrderDeckCore

/// Fixtures and tests write statuses as the API does ("SUCCEEDED"); the product spells them as
/// cases, so a typo there does not compile into `.other`.
extension ExecutionStatus: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self.init(rawValue: value) }
}

/// Fixtures name state types as the history does ("Map").
extension StateKind: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self.init(rawValue: value) }
}

/// Fixtures write order statuses as the table holds them ("PENDING").
extension OrderStatus: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self.init(rawValue: value) }
}

/// Fixtures write execution ARNs as the API does, names interpolated
/// ("arn:aws:states:us-east-1:1:execution:OrderWorkflow:\(name)").
extension ExecutionARN: ExpressibleByStringInterpolation {
    public init(stringLiteral value: String) { self.init(value) }
}

/// Fixtures name orders as the table holds them ("o-1", "new-\(batch)").
extension OrderID: ExpressibleByStringInterpolation {
    public init(stringLiteral value: String) { self.init(value) }
}
