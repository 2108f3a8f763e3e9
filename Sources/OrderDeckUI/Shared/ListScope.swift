/// A list narrowed to the rows behind one Overview figure ("failed 21:04", "stuck", "PENDING,
/// execution ended"): the header says so, and esc shows everything again.
public struct ListScope<ID: Hashable & Sendable>: Sendable, Equatable {
    public var title: String
    /// The rows' identities: order ids or execution ARNs.
    public var ids: Set<ID>

    public init(title: String, ids: Set<ID>) {
        self.title = title
        self.ids = ids
    }
}
