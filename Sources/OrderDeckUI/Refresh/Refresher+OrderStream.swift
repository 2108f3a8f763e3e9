import Foundation
import OrderDeckCore

/// The orders' change feed: where the table has a stream (DynamoDB Streams), each round of
/// GetRecords says which orders were written, and those are shown at once — from the record's
/// new image, else read again by key — instead of at the next timed read. Idle, a round a second
/// (as AWS's own stream consumers poll an idle shard); for a while after records, four a second
/// (a workflow writes its order several times). The timed reads stay as the safety net, and are
/// all there is on a table without a stream; the Orders header says which.
extension Refresher {
    /// A round a second when quiet, four a second while orders are being written (the API allows
    /// five a shard); a failing round backs off as the other feeds do (the reader itself leaves
    /// a throttling service alone for longer).
    static let streamPolicy = RefreshPolicy(base: .seconds(1), watching: .milliseconds(250))
    /// How long after the last record the quick rounds go on.
    static let streamBusyFor: TimeInterval = 10
    /// The longer nothing was written, the rarer the idle rounds: a second for the first 15 s, two
    /// up to a minute, then five — so a dashboard left open asks about as much as it did before the
    /// stream (12 rounds a minute, not 60). An execution's first log record wakes the quick rounds
    /// at once (`nudgeOrderStream`), so the first order after a quiet spell is not left waiting.
    static let quietCadence: [(after: TimeInterval, every: Duration)] = [
        (0, .seconds(1)), (15, .seconds(2)), (60, .seconds(5)),
    ]

    /// The idle round's wait after `quiet` seconds without a record.
    public static func quietWait(after quiet: TimeInterval) -> Duration {
        quietCadence.last { quiet >= $0.after }?.every ?? streamPolicy.base
    }

    func startOrderStream() {
        guard logDrivenRefresh else {
            postFeedMode(.timedReads(reason: "event-driven refreshes off"))
            return
        }
        loop(.orderStream, Self.streamPolicy) { try await self.pollOrderStream() }
    }

    func pollOrderStream() async throws -> RunResult {
        if orderStream == nil {
            switch try await source.orderStream() {
            case .stream(let opened):
                orderStream = opened
            case .unavailable(let reason):
                postFeedMode(.timedReads(reason: reason))
                return .done
            }
        }
        guard let stream = orderStream else { return .done }
        let batch: OrderChangeBatch
        do {
            batch = try await stream.poll()
        } catch {
            postFeedMode(.timedReads(reason: "stream: \(LoadFailure(error).message)"))
            throw error
        }
        if batch.ended {
            // Opened again next round: the table's stream now, or none.
            orderStream = nil
        } else {
            postFeedMode(.stream)
        }
        if batch.gap, !inFlight.contains(.orders) { restart(.orders) }
        let now = clock.now()
        if streamActiveAt == nil { streamActiveAt = now }
        if !batch.changes.isEmpty {
            streamBusyUntil = now.addingTimeInterval(Self.streamBusyFor)
            streamActiveAt = now
            await applyStreamed(batch.changes)
        }
        let busy = streamBusyUntil.map { now < $0 } ?? false
        if busy { return .after(Self.streamPolicy.watching) }
        return .after(Self.quietWait(after: now.timeIntervalSince(streamActiveAt ?? now)))
    }

    /// An execution started (its first log record): its order is about to be written, so the
    /// stream goes back to its quick rounds now, whatever its idle wait had grown to.
    func nudgeOrderStream() {
        guard orderStream != nil, tasks[.orderStream] != nil else { return }
        let now = clock.now()
        let wasQuiet = !(streamBusyUntil.map { now < $0 } ?? false)
        streamBusyUntil = now.addingTimeInterval(Self.streamBusyFor)
        streamActiveAt = now
        if wasQuiet { loop(.orderStream, Self.streamPolicy) { try await self.pollOrderStream() } }
    }

    /// Orders the stream carried whole join at once; the others (a keys-only stream) are read
    /// again by key — the key is in the record, so the user is always known. A removal is left to
    /// the timed reads (the workflow never deletes an order).
    func applyStreamed(_ changes: [OrderChange]) async {
        let written = changes.compactMap(\.order)
        if let snapshot = await orders.apply(written) { post(.orders(index(snapshot), loading: false)) }
        let unread = changes.filter { $0.order == nil && !$0.removed }
        guard !unread.isEmpty else { return }
        if unread.count > Self.rereadsPerBatch {
            if !inFlight.contains(.orders) { restart(.orders) }
            return
        }
        let wanted = unread.map { ($0.id, Optional($0.userId)) }
        oneShot(.orderRereads) { await self.reread(wanted) }
    }

    /// Posts how orders are followed when that changed.
    func postFeedMode(_ mode: OrderFeedMode) {
        guard mode != orderFeedMode else { return }
        orderFeedMode = mode
        post(.ordersFeed(mode))
    }
}
