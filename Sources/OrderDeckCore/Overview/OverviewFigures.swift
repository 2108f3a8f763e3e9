import Foundation

/// What the Overview screen shows, worked out from what the dashboard has loaded (and, where a
/// stack publishes them, CloudWatch's `AWS/States` metrics): trouble at a glance, and for each
/// figure the rows behind it.
public struct OverviewFigures: Sendable, Equatable {
    /// One minute of the chart.
    public struct Minute: Sendable, Equatable {
        public var start: Date
        public var succeeded: Int
        public var failed: Int
        public var started: Int
        /// The loaded executions that ended in this minute, and the failed ones among them, as
        /// the figures counted them: ⏎ on the minute lists exactly these, so the drill-down and
        /// the summary above it come from the same data at the same moment.
        public var ended: [ExecutionARN] = []
        public var failedArns: [ExecutionARN] = []
        public var total: Int { succeeded + failed }
    }

    /// p50/p95 of one state's durations.
    public struct StateTiming: Sendable, Equatable {
        public var state: String
        public var count: Int
        public var p50: TimeInterval
        public var p95: TimeInterval
    }

    public static let chartMinutes = 60

    /// Oldest first; the last is the current minute.
    public var minutes: [Minute]
    /// Where the chart's counts come from: "loaded executions" or "CloudWatch AWS/States".
    public var chartSource: String
    /// Failed share of executions that ended in the last 5 minutes, and in the last hour (nil: none ended).
    public var failureRateNow: Double?
    public var failureRateHour: Double?
    public var stateTimings: [StateTiming]
    /// RUNNING longer than their machine's p99 of finished executions.
    public var stuck: [Execution]
    public var ordersByStatus: [(status: OrderStatus, count: Int)]
    /// PENDING orders whose execution ended (what `check` finds).
    public var pendingEnded: [Correlator.Mismatch]
    /// Failure records (…Failed, …TimedOut, …Aborted) among the log records of the last hour.
    public var logErrors: Int
    public var logRecords: Int
    public var logErrorRate: Double? { logRecords == 0 ? nil : Double(logErrors) / Double(logRecords) }

    public static func == (lhs: OverviewFigures, rhs: OverviewFigures) -> Bool {
        lhs.minutes == rhs.minutes && lhs.chartSource == rhs.chartSource && lhs.failureRateNow == rhs.failureRateNow
            && lhs.failureRateHour == rhs.failureRateHour && lhs.stateTimings == rhs.stateTimings
            && lhs.stuck == rhs.stuck && lhs.ordersByStatus.map(\.status) == rhs.ordersByStatus.map(\.status)
            && lhs.ordersByStatus.map(\.count) == rhs.ordersByStatus.map(\.count)
            && lhs.pendingEnded == rhs.pendingEnded && lhs.logErrors == rhs.logErrors
            && lhs.logRecords == rhs.logRecords
    }

    /// From every loaded order (tests, small tables).
    public init(
        executions: [Execution], orders: [Order], logs: [TailedEvent], metrics: StatesMetrics? = nil, now: Date
    ) {
        var counts: [OrderStatus: Int] = [:]
        for order in orders { counts[order.status, default: 0] += 1 }
        self.init(
            executions: executions, ordersByStatus: counts,
            pendingOrders: orders.filter { $0.status == .pending },
            logs: logs, metrics: metrics, now: now)
    }

    /// From what a large table is reduced to first: the count of each status and the PENDING
    /// orders (the dashboard counts from its index; it never walks 100,000 orders here).
    public init(
        executions: [Execution], ordersByStatus counts: [OrderStatus: Int], pendingOrders: [Order], logs: [TailedEvent],
        metrics: StatesMetrics? = nil, now: Date
    ) {
        let hourAgo = now.addingTimeInterval(-3600)
        let firstMinute = Self.minuteStart(now).addingTimeInterval(Double(-(Self.chartMinutes - 1) * 60))
        var minutes = (0..<Self.chartMinutes).map {
            Minute(start: firstMinute.addingTimeInterval(Double($0 * 60)), succeeded: 0, failed: 0, started: 0)
        }
        func bucket(_ date: Date?) -> Int? {
            guard let date, date >= firstMinute else { return nil }
            let index = Int(date.timeIntervalSince(firstMinute) / 60)
            return index < Self.chartMinutes ? index : nil
        }
        // What the drill-down lists: the loaded executions ended in each minute, kept with the figures.
        for execution in executions {
            guard let index = bucket(execution.stopDate) else { continue }
            minutes[index].ended.append(execution.arn)
            if execution.status.isFailure { minutes[index].failedArns.append(execution.arn) }
        }
        if let metrics, !metrics.isEmpty {
            for point in metrics.points {
                guard let index = bucket(point.minute) else { continue }
                minutes[index].succeeded += point.succeeded
                minutes[index].failed += point.failed + point.timedOut + point.aborted
                minutes[index].started += point.started
            }
            chartSource = "CloudWatch AWS/States"
        } else {
            for execution in executions {
                if let index = bucket(execution.startDate) { minutes[index].started += 1 }
                guard let index = bucket(execution.stopDate) else { continue }
                if execution.status == .succeeded { minutes[index].succeeded += 1 }
                if execution.status.isFailure { minutes[index].failed += 1 }
            }
            chartSource = "loaded executions"
        }
        self.minutes = minutes
        func rate(_ recent: ArraySlice<Minute>) -> Double? {
            let total = recent.reduce(0) { $0 + $1.total }
            return total == 0 ? nil : Double(recent.reduce(0) { $0 + $1.failed }) / Double(total)
        }
        failureRateNow = rate(minutes.suffix(5))
        failureRateHour = rate(minutes[...])

        // Per-state timings from the log records: each execution's timeline, every depth.
        var byExecution: [String: [ExecutionEvent]] = [:]
        var logErrors = 0
        var logRecords = 0
        for line in logs {
            guard let record = line.record else { continue }
            byExecution[record.executionArn, default: []].append(record.event)
            if record.event.timestamp >= hourAgo {
                logRecords += 1
                let type = record.event.type
                if type.hasSuffix("Failed") || type.hasSuffix("TimedOut") || type.hasSuffix("Aborted") {
                    logErrors += 1
                }
            }
        }
        self.logErrors = logErrors
        self.logRecords = logRecords
        var durations: [String: [TimeInterval]] = [:]
        for events in byExecution.values {
            for step in Timeline(events: events).allSteps where step.outcome != .running {
                if let duration = step.duration { durations[step.name, default: []].append(duration) }
            }
        }
        stateTimings = durations.map { name, values in
            let sorted = values.sorted()
            return StateTiming(
                state: name, count: sorted.count, p50: Self.percentile(sorted, 0.50), p95: Self.percentile(sorted, 0.95)
            )
        }.sorted { ($0.p95, $0.state) > ($1.p95, $1.state) }

        // Stuck: running past the machine's p99 of finished durations (with enough finished to say).
        var finished: [String: [TimeInterval]] = [:]
        for execution in executions where execution.status != .running {
            if let start = execution.startDate, let stop = execution.stopDate {
                finished[execution.machineName, default: []].append(stop.timeIntervalSince(start))
            }
        }
        let limits = finished.compactMapValues { values -> TimeInterval? in
            values.count >= 5 ? Self.percentile(values.sorted(), 0.99) : nil
        }
        stuck = executions.filter { execution in
            guard execution.status == .running, let limit = limits[execution.machineName],
                let start = execution.startDate
            else { return false }
            return now.timeIntervalSince(start) > limit
        }.sorted { ($0.startDate ?? .distantPast) < ($1.startDate ?? .distantPast) }

        ordersByStatus = counts.map { ($0.key, $0.value) }.sorted { ($0.count, $1.status) > ($1.count, $0.status) }
        pendingEnded = Correlator.pendingEnded(pendingOrders, executions: executions)
    }

    static func minuteStart(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 / 60).rounded(.down) * 60)
    }

    /// Nearest-rank percentile of sorted values.
    static func percentile(_ sorted: [TimeInterval], _ fraction: Double) -> TimeInterval {
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((fraction * Double(sorted.count)).rounded(.up))
        return sorted[max(0, min(sorted.count - 1, rank - 1))]
    }

    /// The executions the figures counted as ended in the chart's minute `index` (failed ones
    /// only, or all), as they are loaded now — the same set as the summary, never a recount.
    public func executions(in index: Int, of executions: [Execution], failedOnly: Bool) -> [Execution] {
        guard minutes.indices.contains(index) else { return [] }
        let counted = Set(failedOnly ? minutes[index].failedArns : minutes[index].ended)
        return executions.filter { counted.contains($0.arn) }
    }
}
