/// What a Live Tail session tells the `LogTail` that opened it.
enum LiveTailSignal: Sendable {
    /// `sessionStart`: from now on the service pushes what is ingested.
    case started
    /// One `sessionUpdate` (possibly empty: a heartbeat).
    case update([TailedEvent], sampled: Bool)
    /// The stream ended: cleanly (nil) or with why.
    case ended((any Error)?)
}
