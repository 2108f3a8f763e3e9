import AWSClient
import Foundation

/// The choice between Live Tail and polling for one `LogTail`, as a pure state machine: it takes
/// `now` and the session's signals, and says when to open a session, whether to poll and what
/// mode to show. Polling goes on until a session has started, so opening one never stalls the tail;
/// each switch asks for one FilterLogEvents round so nothing falls between the two.
struct LiveTailState: Sendable {
    enum Phase: Sendable, Equatable {
        /// No session yet, or one due at `retryAt` (nil: never again for this tail).
        case polling(reason: String, retryAt: Date?)
        /// A session was asked for; polling until it starts.
        case starting(since: Date)
        /// The session streams; `updates` counts its sessionUpdates.
        case live(since: Date, updates: Int)
    }

    /// The least time between the starts of two sessions when one ends on its own (a server that
    /// streams a little then closes does not get a session per poll).
    static let minimumSessionSpacing: TimeInterval = 60

    private(set) var phase: Phase
    /// One FilterLogEvents round is wanted even while live: the history before the first session,
    /// what arrived while a session opened or after one ended, or what a sampled update left out.
    var needsCatchUp = true
    private(set) var sampled = false
    /// The mode last handed out by `takeModeChange()`.
    private var reported: LogFollowMode?

    init(enabled: Bool) {
        phase =
            enabled ? .polling(reason: "starting Live Tail", retryAt: .distantPast) : .polling(reason: "", retryAt: nil)
        if !enabled { reported = mode }
    }

    var mode: LogFollowMode {
        switch phase {
        case .live: .liveTail(sampled: sampled)
        case .starting: .polling(reason: "starting Live Tail")
        case .polling(let reason, _): .polling(reason: reason)
        }
    }

    var isLive: Bool {
        if case .live = phase { return true }
        return false
    }

    /// Whether a FilterLogEvents round belongs in this poll.
    var wantsRound: Bool { !isLive || needsCatchUp }

    /// A session is due: none yet, or its retry time came.
    func shouldStart(now: Date) -> Bool {
        guard case .polling(_, let retryAt?) = phase else { return false }
        return retryAt <= now
    }

    mutating func starting(now: Date) { phase = .starting(since: now) }

    mutating func started(now: Date) {
        phase = .live(since: now, updates: 0)
        sampled = false
        needsCatchUp = true
    }

    mutating func updated(sampled: Bool) {
        guard case .live(let since, let updates) = phase else { return }
        phase = .live(since: since, updates: updates + 1)
        self.sampled = sampled
        if sampled { needsCatchUp = true }
    }

    /// The session's stream ended, cleanly (`error` nil) or not.
    mutating func ended(_ error: (any Error)?, now: Date) {
        needsCatchUp = true
        let (since, updates): (Date?, Int) =
            switch phase {
            case .live(let since, let updates): (since, updates)
            case .starting(let since): (since, 0)
            case .polling: (nil, 0)
            }
        let code = (error as? AWSServiceError)?.code
        if error == nil || code == "SessionTimeoutException" {
            if updates < 2 {
                // moto answers one batch and closes: a session that never streams will not start to.
                phase = .polling(
                    reason: "this endpoint does not stream Live Tail (the session ended after its first answer)",
                    retryAt: nil)
                return
            }
            let lasted = Self.span(since.map { now.timeIntervalSince($0) } ?? 0)
            let retryAt =
                code == "SessionTimeoutException"
                ? now : max(now, (since ?? now).addingTimeInterval(Self.minimumSessionSpacing))
            phase = .polling(reason: "the Live Tail session ended after \(lasted); opening a new one", retryAt: retryAt)
            return
        }
        guard let error else { return }
        let fallback = LiveTailFallback(error)
        phase = .polling(reason: fallback.reason, retryAt: fallback.retryAfter.map { now.addingTimeInterval($0) })
    }

    /// The mode when it differs from what was last taken; nil while a session is only starting
    /// (the previous mode stays said until it is known whether it starts).
    mutating func takeModeChange() -> LogFollowMode? {
        if case .starting = phase { return nil }
        let current = mode
        guard current != reported else { return nil }
        reported = current
        return current
    }

    static func span(_ seconds: TimeInterval) -> String {
        if seconds >= 3600 { return String(format: "%.1f h", seconds / 3600) }
        if seconds >= 60 { return "\(Int(seconds / 60)) min" }
        return "\(Int(seconds)) s"
    }
}
