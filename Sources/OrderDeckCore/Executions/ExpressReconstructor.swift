import Foundation

/// Rebuilds executions from vended log records — the only record AWS keeps of Express executions.
///
/// Groups records by execution ARN, orders them by event id (delivery order is not guaranteed),
/// takes the status from the terminal event, and says so when the record is incomplete instead of
/// pretending: missing ids make it partial, no terminal event makes it RUNNING while recent and
/// UNKNOWN after `runningHorizon`.
public struct ExpressReconstructor: Sendable {
    /// Express executions run at most five minutes; later than that without an end, we don't know.
    public var runningHorizon: TimeInterval

    public init(runningHorizon: TimeInterval = 300) {
        self.runningHorizon = runningHorizon
    }

    public struct Reconstructed: Sendable, Hashable {
        public var execution: Execution
        /// Events in id order, duplicates (same id) removed.
        public var events: [ExecutionEvent]
    }

    public func reconstruct(_ records: [VendedLogEvent], now: Date) -> [Reconstructed] {
        var byArn: [ExecutionARN: [ExecutionEvent]] = [:]
        for record in records { byArn[ExecutionARN(record.executionArn), default: []].append(record.event) }
        return byArn.map { arn, events in build(arn: arn, events: events, now: now) }
            .sorted { ($0.execution.startDate ?? .distantPast) > ($1.execution.startDate ?? .distantPast) }
    }

    public func build(arn: ExecutionARN, events unsorted: [ExecutionEvent], now: Date) -> Reconstructed {
        var seen = Set<Int>()
        let events = unsorted.sorted { $0.id < $1.id }.filter { seen.insert($0.id).inserted }
        let started = events.first { $0.type == "ExecutionStarted" }
        let terminal = events.last { $0.terminalStatus != nil }
        let lastSeen = events.map(\.timestamp).max()
        let status: ExecutionStatus
        if let terminal, let final = terminal.terminalStatus {
            status = final
        } else if let lastSeen, now.timeIntervalSince(lastSeen) < runningHorizon {
            status = .running
        } else {
            status = .unknown
        }
        // Ids run 1…n without gaps in a complete record; the terminal event is the last one.
        let ids = events.map(\.id)
        let contiguous = ids.first == 1 && zip(ids, ids.dropFirst()).allSatisfy { $1 == $0 + 1 }
        let partial = started == nil || !contiguous || (terminal != nil && terminal?.id != ids.last)
        let machine = arn.machineName ?? ""
        let execution = Execution(
            arn: arn, name: arn.name, machineName: machine, status: status,
            startDate: started?.timestamp ?? events.first?.timestamp, stopDate: terminal?.timestamp,
            input: started?.input,
            output: terminal?.output, error: terminal?.error, cause: terminal?.cause, source: .logs, isPartial: partial,
            isTruncated: events.contains { $0.isTruncated })
        return Reconstructed(execution: execution, events: events)
    }
}
