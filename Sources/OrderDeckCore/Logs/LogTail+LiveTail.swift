import AWSClient
import AWSServices
import Foundation

/// The Live Tail side of `LogTail`: opening sessions when due, taking in what they push, and
/// saying the mode.
extension LogTail {
    /// How the tail follows its groups now.
    public var mode: LogFollowMode { live.mode }

    /// The mode when it changed since the last call (nil: unchanged, or a session is only
    /// starting) — what a header or a stderr note shows once per switch.
    public func takeModeChange() async -> LogFollowMode? { live.takeModeChange() }

    /// Waits until the running Live Tail session (if any) has ended and been taken in: for tests
    /// and one-shot reads, since a session on AWS runs for hours.
    public func waitForLiveSession() async {
        await liveSession?.value
    }

    /// The key lines are deduplicated on, whichever way they came (Live Tail has no event ids):
    /// stream, time and the message's hash (held for the overlap window, so not the message
    /// itself, up to 256 KB each; the hash is stable within the process, which is all it needs).
    static func key(stream: String, timestamp: Int64, message: String) -> String {
        "\(stream)\u{1F}\(timestamp)\u{1F}\(message.utf8.count)\u{1F}\(message.hashValue)"
    }

    /// Opens a session when one is due; the session reports back through `receive(_:)`.
    func startLiveTailIfDue() {
        guard liveSession == nil, live.shouldStart(now: clock.now()) else { return }
        live.starting(now: clock.now())
        let logs = reader.logs
        let groups = self.groups
        let filterPattern = self.filterPattern
        // Weak: a tail that is dropped ends its session (`deinit` cancels it).
        let tail = WeakTail(self)
        liveSession = Task {
            await LiveTailSession.run(logs: logs, groups: groups, filterPattern: filterPattern) { signal in
                await tail.value?.receive(signal)
            }
        }
    }

    func receive(_ signal: LiveTailSignal) {
        let now = clock.now()
        switch signal {
        case .started:
            live.started(now: now)
        case .update(let events, let sampled):
            liveInbox += events
            live.updated(sampled: sampled)
        case .ended(let error):
            // What the session pushed covers what was ingested until now: polling goes on from
            // here minus the overlap (the catch-up round `ended` asks for).
            if live.isLive { previousPoll = max(previousPoll ?? 0, serverMilliseconds(now)) }
            live.ended(error, now: now)
            liveSession = nil
        }
    }

    /// The pushed lines not seen before, the watermarks moved on; lines older than a group's
    /// watermark minus the overlap are dropped, as a polling round drops them (moto's one answer
    /// holds every line of the groups).
    func takeLiveEvents() -> [TailedEvent] {
        guard !liveInbox.isEmpty else { return [] }
        let inbox = liveInbox
        liveInbox = []
        var fresh: [TailedEvent] = []
        for event in inbox where watermark[event.group] != nil {
            let group = event.group
            let floor = (watermark[group] ?? 0) - overlap
            let key = Self.key(stream: event.stream, timestamp: event.timestamp, message: event.message)
            guard event.timestamp >= floor, seen[group]?[key] == nil else { continue }
            seen[group, default: [:]][key] = event.timestamp
            watermark[group] = max(watermark[group] ?? 0, event.timestamp)
            fresh.append(event)
        }
        for group in Set(fresh.map(\.group)) {
            let floor = (watermark[group] ?? 0) - overlap
            seen[group] = seen[group]?.filter { $0.value >= floor }
        }
        return fresh
    }

    /// The tail, not kept alive by the session it opened.
    private final class WeakTail: Sendable {
        weak let value: LogTail?
        init(_ value: LogTail) { self.value = value }
    }

    private func serverMilliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 + reader.logs.client.clockSkew.current) * 1000)
    }
}
