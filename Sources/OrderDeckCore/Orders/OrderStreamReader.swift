import AWSClient
import AWSServices
import Foundation

/// Follows the ORDER table's stream (DynamoDB Streams) from its end, so the dashboard learns of a
/// changed order within one GetRecords round instead of at the next timed read.
///
/// Opening: DescribeTable's `LatestStreamArn` (none: the table has no stream, and the dashboard
/// keeps its timed reads), DescribeStream's open shards, a `LATEST` iterator into each. Each
/// `poll()` is one GetRecords per shard being read. A shard read to its end (no next iterator) is
/// done, and the stream is described again for its children, read from `TRIM_HORIZON`. An
/// expired iterator (15 min unused) is opened again after the last record read (else at the end,
/// and the round says records may have been missed); trimmed records likewise; throttling leaves
/// the service alone for a while (`OrderStreamBackoff`). One caller at a time (the refresher's
/// loop); state is written back after each `await` from the value read then, never from a copy.
/// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html
public actor OrderStreamReader {
    /// Where reading one shard stands.
    struct Position: Sendable {
        var iterator: String?
        /// Where to open it when it has no iterator (`TRIM_HORIZON` for a shard found later).
        var openAt: String
        var lastSequence: String?
    }

    /// Records asked for per GetRecords (the API's maximum).
    static let recordLimit = 1000

    public let streamArn: String
    let streams: DynamoDBStreamsClient
    let now: @Sendable () -> Date
    private var positions: [String: Position] = [:]
    /// Shards read to their end: their children are read from their start.
    private var finished: Set<String> = []
    private var needsListing = false
    private var backoff = OrderStreamBackoff()

    init(streamArn: String, streams: DynamoDBStreamsClient, now: @escaping @Sendable () -> Date) {
        self.streamArn = streamArn
        self.streams = streams
        self.now = now
    }

    /// The reader of `table`'s stream, positioned at its end; `.unavailable` when the table has no
    /// stream, or it cannot be read (no permission): those do not change by asking again.
    public static func open(
        dynamoDB: DynamoDBClient, table: String, now: @escaping @Sendable () -> Date = { Date() }
    ) async throws -> OrderStreamOpening {
        do {
            let description = try await dynamoDB.describeTable(table)
            guard let arn = description.LatestStreamArn, description.StreamSpecification?.StreamEnabled != false else {
                return .unavailable(reason: "table \(table) has no stream")
            }
            let reader = OrderStreamReader(
                streamArn: arn, streams: DynamoDBStreamsClient(client: dynamoDB.client), now: now)
            if let refusal = try await reader.start() { return .unavailable(reason: refusal) }
            return .stream(reader)
        } catch let error as AWSServiceError where Self.isDenied(error) {
            return .unavailable(reason: "no permission to read the stream (\(error.code) on \(error.operation))")
        }
    }

    static func isDenied(_ error: AWSServiceError) -> Bool {
        ["AccessDeniedException", "AccessDenied", "UnauthorizedOperation", "UnknownOperationException"].contains(
            error.code) || error.statusCode == 403
    }

    /// Describes the stream and opens each open shard at its end; the reason when it cannot be read.
    func start() async throws -> String? {
        let stream = try await streams.describeStream(streamArn)
        if let status = stream.StreamStatus, status != "ENABLED" { return "the table's stream is \(status)" }
        for shard in stream.Shards ?? [] where !shard.isClosed {
            positions[shard.ShardId] = Position(iterator: nil, openAt: "LATEST")
        }
        for shard in positions.keys.sorted() { try await open(shard) }
        return nil
    }

    /// The orders written since the previous round.
    public func poll() async throws -> OrderChangeBatch {
        guard backoff.allows(now: now()) else { return OrderChangeBatch() }
        var batch = OrderChangeBatch()
        var changed: [String: Int] = [:]
        do {
            if needsListing { try await listShards() }
            for shard in positions.keys.sorted() {
                if positions[shard]?.iterator == nil { try await open(shard) }
                guard let iterator = positions[shard]?.iterator else { continue }
                let output: DynamoDBStreams.GetRecordsOutput
                do {
                    output = try await streams.getRecords(iterator, limit: Self.recordLimit)
                } catch let error as AWSServiceError where error.code == "ExpiredIteratorException" {
                    // Opened again after the last record read; with none read, at the end (a gap).
                    let last = positions[shard]?.lastSequence
                    if last == nil { batch.gap = true }
                    positions[shard]?.iterator = nil
                    positions[shard]?.openAt = last == nil ? "LATEST" : "AFTER_SEQUENCE_NUMBER"
                    continue
                } catch let error as AWSServiceError where error.code == "TrimmedDataAccessException" {
                    batch.gap = true
                    positions[shard]?.iterator = nil
                    positions[shard]?.openAt = "LATEST"
                    positions[shard]?.lastSequence = nil
                    continue
                }
                for record in output.Records ?? [] {
                    guard let change = Self.change(record) else { continue }
                    positions[shard]?.lastSequence = record.dynamodb?.SequenceNumber ?? positions[shard]?.lastSequence
                    let key = change.userId + "\u{1F}" + change.id.rawValue
                    if let index = changed[key] {
                        batch.changes[index] = change
                    } else {
                        changed[key] = batch.changes.count
                        batch.changes.append(change)
                    }
                }
                if let next = output.NextShardIterator {
                    positions[shard]?.iterator = next
                } else {
                    // Closed and read to its end: its children carry on.
                    positions[shard] = nil
                    finished.insert(shard)
                    needsListing = true
                }
            }
        } catch let error as AWSServiceError where error.isThrottling {
            backoff.throttled(now: now())
            return batch
        } catch let error as AWSServiceError where error.code == "ResourceNotFoundException" {
            batch.ended = true
            return batch
        }
        backoff.succeeded()
        return batch
    }

    /// Gets an iterator for one shard where its position says.
    private func open(_ shard: String) async throws {
        guard let position = positions[shard] else { return }
        let iterator = try await streams.getShardIterator(
            .init(
                StreamArn: streamArn, ShardId: shard, ShardIteratorType: position.openAt,
                SequenceNumber: position.openAt == "AFTER_SEQUENCE_NUMBER" ? position.lastSequence : nil))
        positions[shard]?.iterator = iterator
    }

    /// Adds the shards that appeared since: children of shards read to their end, and open
    /// shards not known yet — both read from their start. Closed shards older than the reader are
    /// history it never meant to read.
    private func listShards() async throws {
        let stream = try await streams.describeStream(streamArn)
        needsListing = false
        for shard in stream.Shards ?? [] where positions[shard.ShardId] == nil && !finished.contains(shard.ShardId) {
            let child = shard.ParentShardId.map { finished.contains($0) } ?? false
            guard child || !shard.isClosed else { continue }
            positions[shard.ShardId] = Position(iterator: nil, openAt: "TRIM_HORIZON")
        }
    }

    /// The order a record is about; nil when it holds no order key.
    static func change(_ record: DynamoDBStreams.Record) -> OrderChange? {
        guard let data = record.dynamodb,
            let user = (data.Keys?[OrderTableSchema.partitionKey] ?? data.NewImage?[OrderTableSchema.partitionKey])?
                .stringValue,
            let id = (data.Keys?[OrderTableSchema.sortKey] ?? data.NewImage?[OrderTableSchema.sortKey])?.stringValue
        else { return nil }
        let removed = record.eventName == "REMOVE"
        return OrderChange(
            id: OrderID(id), userId: user, order: removed ? nil : data.NewImage.map(Order.init(item:)),
            removed: removed)
    }
}
