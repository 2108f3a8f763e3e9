/// One order the table's stream says was written: its key, and the order as written when the
/// stream carries new images — then the dashboard shows it without reading it again.
public struct OrderChange: Sendable, Equatable {
    public var id: OrderID
    public var userId: String
    /// The order after the change (a `NEW_IMAGE` stream); nil: read it by key.
    public var order: Order?
    /// The item was deleted.
    public var removed: Bool

    public init(id: OrderID, userId: String, order: Order? = nil, removed: Bool = false) {
        self.id = id
        self.userId = userId
        self.order = order
        self.removed = removed
    }
}

/// What one round of reading the stream found.
public struct OrderChangeBatch: Sendable, Equatable {
    /// The orders written since the previous round, each once (its last record), in stream order.
    public var changes: [OrderChange]
    /// Records may have been missed (an iterator expired or its records were trimmed, and the
    /// shard was opened again at its end): one full read covers the gap.
    public var gap: Bool
    /// The stream is gone (disabled, or the table replaced): open the table's stream again.
    public var ended: Bool

    public init(changes: [OrderChange] = [], gap: Bool = false, ended: Bool = false) {
        self.changes = changes
        self.gap = gap
        self.ended = ended
    }
}

/// How the dashboard learns that orders changed: the table's stream, or timed reads and why.
/// The Orders screen's header says it.
public enum OrderFeedMode: Sendable, Equatable, CustomStringConvertible {
    /// DynamoDB Streams: a change shows within a GetRecords round (~1 s idle, faster while busy).
    case stream
    /// Timed reads alone (the changed-orders index, or the table), and why not the stream.
    case timedReads(reason: String)

    public var description: String {
        switch self {
        case .stream: "changes: stream"
        case .timedReads(let reason): "timed reads: \(reason)"
        }
    }

    public var isStream: Bool { self == .stream }
}
