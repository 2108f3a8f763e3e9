/// A list narrowed to the rows behind one Overview figure ("failed 21:04", "stuck", "PENDING,
/// execution ended"): the header says so, and esc shows everything again.
public struct ListScope: Sendable, Equatable {
    public var title: String
    /// Order ids or execution ARNs.
    public var ids: Set<String>

    public init(title: String, ids: Set<String>) {
        self.title = title
        self.ids = ids
    }
}
