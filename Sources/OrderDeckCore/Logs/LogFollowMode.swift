/// How a `LogTail` follows its groups now: pushed by a Live Tail session, or polled with
/// FilterLogEvents and why. The Logs screen's header and `orderdeck logs --follow` show it.
public enum LogFollowMode: Sendable, Equatable, CustomStringConvertible {
    /// A Live Tail session pushes the lines. Sampled: the service sent a sample (more than 500
    /// lines a second matched); polling fills in the rest.
    case liveTail(sampled: Bool)
    /// FilterLogEvents rounds, and the reason Live Tail is not used.
    case polling(reason: String)

    public var description: String {
        switch self {
        case .liveTail(sampled: false): "live tail"
        case .liveTail(sampled: true): "live tail, sampled (>500 lines/s): polling fills in"
        case .polling(let reason): "polling: \(reason)"
        }
    }

    public var isLiveTail: Bool {
        if case .liveTail = self { return true }
        return false
    }
}
