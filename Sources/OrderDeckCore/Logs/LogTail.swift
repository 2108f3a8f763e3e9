import AWSClient
import AWSServices
import Foundation

/// One tailed log line: the raw event and, when it is a Step Functions record, its parsed form.
public struct TailedEvent: Sendable, Hashable {
    public var group: String
    public var stream: String
    public var eventId: String
    public var timestamp: Int64
    public var message: String
    public var record: VendedLogEvent?
    /// The state (and Map iteration) the record belongs to, worked out from its chain of events
    /// (`LogStateAttribution`) when it arrives; nil until then or when nothing says.
    public var state: String?

    public init(
        group: String, stream: String, eventId: String, timestamp: Int64, message: String, record: VendedLogEvent?
    ) {
        self.group = group
        self.stream = stream
        self.eventId = eventId
        self.timestamp = timestamp
        self.message = message
        self.record = record
    }
}

/// Follows one or more log groups like `aws logs tail --follow`, without its gaps and repeats.
///
/// With `liveTail`, a CloudWatch Logs Live Tail session pushes new lines (`LiveTailSession`) and
/// `poll()` hands out what it pushed; FilterLogEvents polling is the fallback, and `mode` says
/// which runs and why (`LiveTailState`). Every switch adds one polling round from the last line
/// seen minus the overlap, and lines are deduplicated on group, stream, time and message (Live
/// Tail's lines have no event id), so a switch neither loses nor repeats a line.
///
/// Polling: each poll asks FilterLogEvents for everything since the newest timestamp seen minus an overlap
/// window (so events that arrive late, out of order, are still found), reads every page, drops
/// event ids already printed, and hands back the new events sorted by time across streams.
/// New streams are picked up automatically (the query is by group, not by stream).
public actor LogTail {
    public let groups: [String]
    public let filterPattern: String?
    /// How late an event may arrive (behind the newest one seen) and still be shown.
    public let overlap: Int64
    let reader: LogReader
    var watermark: [String: Int64] = [:]
    /// When the previous poll started (server time, epoch ms): an event not visible then and
    /// visible now arrived in between, so it is at most `overlap` older than that.
    var previousPoll: Int64?
    let clock: any AppClock
    /// Lines printed within the overlap window, per group (keyed on stream, time and message),
    /// with their timestamps for pruning.
    var seen: [String: [String: Int64]] = [:]
    public private(set) var delivered = 0
    /// Live Tail first, polling as the fallback; the running session; what it pushed since the
    /// last poll.
    var live: LiveTailState
    var liveSession: Task<Void, Never>?
    var liveInbox: [TailedEvent] = []
    /// Lines a round found but did not hand out because a later group's read failed: marked seen,
    /// so they go out with the next poll that succeeds rather than never.
    private var pending: [TailedEvent] = []

    public init(
        reader: LogReader, groups: [String], since: Date, filterPattern: String? = nil,
        overlap: Duration = .seconds(30),
        clock: any AppClock = SystemClock(), liveTail: Bool = false
    ) {
        self.live = LiveTailState(enabled: liveTail)
        self.clock = clock
        self.reader = reader
        self.groups = groups
        self.filterPattern = filterPattern
        self.overlap = Int64(overlap.seconds * 1000)
        let start = Int64(since.timeIntervalSince1970 * 1000)
        for group in groups { watermark[group] = start }
    }

    deinit { liveSession?.cancel() }

    /// The events not delivered before, oldest first: what a Live Tail session pushed, and a
    /// FilterLogEvents round when not live (or catching up after a switch).
    public func poll() async throws -> [TailedEvent] {
        startLiveTailIfDue()
        if live.wantsRound {
            live.needsCatchUp = false
            do {
                try await pollRound()
            } catch {
                live.needsCatchUp = true
                throw error
            }
        }
        // After the round: what a session pushed meanwhile is in the inbox too.
        let fresh = pending + takeLiveEvents()
        pending = []
        delivered += fresh.count
        // Time order across streams and groups; ties keep execution event order, then the order
        // the service gave them (a traceback's lines share a millisecond; event ids need not
        // sort: MiniStack's are random, and sorting by them shuffled a traceback).
        return fresh.enumerated().sorted {
            ($0.element.timestamp, $0.element.record?.executionArn ?? "", $0.element.record?.event.id ?? 0, $0.offset)
                < (
                    $1.element.timestamp, $1.element.record?.executionArn ?? "", $1.element.record?.event.id ?? 0,
                    $1.offset
                )
        }.map(\.element)
    }

    /// One FilterLogEvents round over every group: the events not delivered before, into `pending`.
    private func pollRound() async throws {
        let pollStart = Int64((clock.now().timeIntervalSince1970 + reader.logs.client.clockSkew.current) * 1000)
        for group in groups {
            let newest = watermark[group] ?? 0
            // Quiet groups are not read again from their last event: only the overlap before the
            // previous poll can still hold events that were not visible then.
            let start = max(0, max(newest, previousPoll ?? 0) - overlap)
            let events = try await reader.events(group: group, start: start, filterPattern: filterPattern)
            // Read after the await: a session's lines may have moved both on meanwhile.
            var ids = seen[group] ?? [:]
            var top = max(newest, watermark[group] ?? 0)
            for event in events {
                let timestamp = event.timestamp ?? 0
                let id = event.eventId ?? "\(event.logStreamName ?? "")/\(timestamp)/\(event.message?.hashValue ?? 0)"
                let key = Self.key(
                    stream: event.logStreamName ?? "", timestamp: timestamp, message: event.message ?? "")
                guard timestamp >= start, ids[key] == nil else { continue }
                // Before the first watermark (the --since point) nothing is shown.
                if timestamp < (watermark[group] ?? 0) - overlap { continue }
                ids[key] = timestamp
                top = max(top, timestamp)
                let message = event.message ?? ""
                pending.append(
                    TailedEvent(
                        group: group, stream: event.logStreamName ?? "", eventId: id, timestamp: timestamp,
                        message: message,
                        record: VendedLogEvent(
                            message: message, logStreamName: event.logStreamName, eventId: id,
                            fallbackTimestamp: timestamp)))
            }
            watermark[group] = top
            // Forget ids that fell out of the window: they can no longer come back.
            let floor = top - overlap
            seen[group] = ids.filter { $0.value >= floor }
        }
        previousPoll = max(previousPoll ?? 0, pollStart)  // only once every group was read
    }

    /// Polls until cancelled: `interval` between rounds, doubling (up to `maxInterval`) while
    /// nothing arrives or the service throttles, back to `interval` as soon as events flow. While
    /// a Live Tail session pushes, a round reads only what it pushed: every `interval`, no doubling.
    /// Each switch between Live Tail and polling is reported as `.mode`.
    public nonisolated func follow(
        interval: Duration = .seconds(1), maxInterval: Duration = .seconds(10), clock: any AppClock = SystemClock(),
        onState: @escaping @Sendable (FollowState) -> Void = { _ in }
    ) -> AsyncThrowingStream<[TailedEvent], any Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                var wait = interval
                while !Task.isCancelled {
                    do {
                        let batch = try await self.poll()
                        if let mode = await self.takeModeChange() { onState(.mode(mode)) }
                        if !batch.isEmpty { continuation.yield(batch) }
                        let pushed = await self.mode.isLiveTail
                        wait = batch.isEmpty && !pushed ? min(wait * 2, maxInterval) : interval
                        onState(.live)
                    } catch is CancellationError {
                        break
                    } catch let error as AWSServiceError where error.isThrottling {
                        wait = min(max(wait * 2, .seconds(2)), .seconds(30))
                        onState(.throttled(backingOff: wait))
                    } catch  where RetryPolicy().isRetryable(error) {
                        // The stack gone, 5xx after the client's own retries, an unreadable answer:
                        // a follow outlives them and resumes from where it was (nothing lost).
                        wait = min(max(wait * 2, .seconds(1)), .seconds(15))
                        onState(.disconnected(String(describing: error), retryingIn: wait))
                    } catch {
                        continuation.finish(throwing: error)
                        return
                    }
                    try? await clock.sleep(for: wait)
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    public enum FollowState: Sendable, Equatable {
        case live
        case throttled(backingOff: Duration)
        case disconnected(String, retryingIn: Duration)
        /// Following switched between Live Tail and polling (the mode says why).
        case mode(LogFollowMode)
    }
}
