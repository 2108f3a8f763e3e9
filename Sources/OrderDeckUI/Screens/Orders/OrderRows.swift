import OrderDeckCore

/// A view of some orders by row number: what the Orders screen shows after sorting and filtering,
/// without copying a single `Order` (each copy retains a dozen strings; 100,000 of them cost more
/// than the search itself).
public struct OrderRows: RandomAccessCollection, Sendable {
    let base: [Order]
    let rows: [Int32]

    public var startIndex: Int { 0 }
    public var endIndex: Int { rows.count }
    public subscript(position: Int) -> Order { base[Int(rows[position])] }
}
