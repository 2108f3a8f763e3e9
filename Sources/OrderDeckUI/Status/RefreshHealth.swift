import Foundation
import OrderDeckCore

/// How background refreshing is going, as the header and the note row show it.
public enum RefreshHealth: Sendable, Equatable {
    case loading
    case live
    /// The service throttles; refreshing resumes at `until`.
    case throttled(until: Date)
    /// Refreshing fails (every feed that failed, the newest message), retried at `retryAt`.
    case failing(since: Date, message: String, retryAt: Date)
    /// Working again after a failure or throttling.
    case recovered(at: Date)
    /// A refresh has had no answer since then (a stopped or hung server): not failing yet —
    /// the request has not timed out — but not live either.
    case stalled(since: Date)

    /// The header's words.
    func label(now: Date) -> String {
        switch self {
        case .loading: return "loading"
        case .live, .recovered: return "live"
        case .throttled(let until): return "throttled, backing off \(Self.seconds(until, now)) s"
        case .failing: return "failing, retrying"
        case .stalled(let since): return "stalled \(Self.seconds(now, since)) s"
        }
    }

    /// The standing problem, shown until it is resolved.
    func problem(now: Date) -> String? {
        if case .stalled(let since) = self {
            return
                "no answer from the stack since \(Format.clock(since).prefix(8)) (\(Self.seconds(now, since)) s); still waiting"
        }
        guard case .failing(let since, let message, let retryAt) = self else { return nil }
        return
            "\(message) — failing since \(Format.clock(since).prefix(8)), retrying in \(Self.seconds(retryAt, now)) s"
    }

    var isCountingDown: Bool {
        switch self {
        case .throttled, .failing, .stalled: return true
        case .loading, .live, .recovered: return false
        }
    }

    static func seconds(_ date: Date, _ now: Date) -> Int { max(0, Int(date.timeIntervalSince(now).rounded(.up))) }
}
