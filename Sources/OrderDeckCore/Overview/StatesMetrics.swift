import Foundation

/// CloudWatch's `AWS/States` execution metrics per minute, summed over the stack's state machines
/// (GetMetricData): the Overview's chart covers what happened, not only what was loaded.
public struct StatesMetrics: Sendable, Equatable {
    public struct Point: Sendable, Equatable {
        public var minute: Date
        public var started = 0
        public var succeeded = 0
        public var failed = 0
        public var timedOut = 0
        public var aborted = 0
        public var throttled = 0
        /// Average ExecutionTime of the executions that ended this minute, in milliseconds.
        public var executionTimeMs: Double?

        public init(minute: Date) { self.minute = minute }
    }

    /// The metric names Step Functions publishes, as the Overview reads them.
    public static let names = [
        "ExecutionsStarted", "ExecutionsSucceeded", "ExecutionsFailed", "ExecutionsTimedOut", "ExecutionsAborted",
        "ExecutionThrottled",
    ]

    public var points: [Point]

    public init(points: [Point]) { self.points = points.sorted { $0.minute < $1.minute } }

    public var isEmpty: Bool { points.isEmpty }

    /// The hour's totals the Overview states beside the chart.
    public var started: Int { points.reduce(0) { $0 + $1.started } }
    public var throttled: Int { points.reduce(0) { $0 + $1.throttled } }
    /// The longest per-minute average ExecutionTime, in seconds.
    public var slowestMinuteSeconds: Double? { points.compactMap(\.executionTimeMs).max().map { $0 / 1000 } }

    /// Adds one metric's per-minute sums.
    public mutating func add(_ name: String, values: [(Date, Double)]) {
        for (time, value) in values {
            let minute = OverviewFigures.minuteStart(time)
            var point = points.first { $0.minute == minute } ?? Point(minute: minute)
            let count = Int(value.rounded())
            switch name {
            case "ExecutionsStarted": point.started += count
            case "ExecutionsSucceeded": point.succeeded += count
            case "ExecutionsFailed": point.failed += count
            case "ExecutionsTimedOut": point.timedOut += count
            case "ExecutionsAborted": point.aborted += count
            case "ExecutionThrottled": point.throttled += count
            case "ExecutionTime": point.executionTimeMs = max(point.executionTimeMs ?? 0, value)
            default: break
            }
            points.removeAll { $0.minute == minute }
            points.append(point)
        }
        points.sort { $0.minute < $1.minute }
    }
}
