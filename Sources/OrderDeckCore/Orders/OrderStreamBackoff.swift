import Foundation

/// How long the stream reader leaves DynamoDB Streams alone after a throttled round
/// (`LimitExceededException`: more than 5 GetRecords a second on a shard, or too many readers of
/// it): 2 s, doubling to 30 s, back to none after a round that worked. Pure: it takes `now`.
public struct OrderStreamBackoff: Sendable, Equatable {
    public static let first: TimeInterval = 2
    public static let maximum: TimeInterval = 30

    /// No request before this.
    public private(set) var until: Date?
    private var wait: TimeInterval = 0

    public init() {}

    /// Whether a round may ask the service now.
    public func allows(now: Date) -> Bool { until.map { now >= $0 } ?? true }

    public mutating func throttled(now: Date) {
        wait = min(Self.maximum, max(Self.first, wait * 2))
        until = now.addingTimeInterval(wait)
    }

    public mutating func succeeded() {
        wait = 0
        until = nil
    }
}
