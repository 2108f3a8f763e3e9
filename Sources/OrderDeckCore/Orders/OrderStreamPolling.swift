/// Returns the orders written since the previous call (`OrderStreamReader` is the live one, the
/// test support's fake source has its own): the dashboard's seam for a table's change feed.
public protocol OrderStreamPolling: Sendable {
    func poll() async throws -> OrderChangeBatch
}

/// A followed stream of order changes, or why there is none (said in the Orders header).
public enum OrderStreamOpening: Sendable {
    case stream(any OrderStreamPolling)
    case unavailable(reason: String)
}
