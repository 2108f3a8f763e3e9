import Foundation
import OrderDeckCore

/// The Overview screen's state: the figures (worked out again, off the terminal thread, whenever
/// what they come from changes while it shows), the metrics the refresher read, and the chart's
/// selected minute.
public struct OverviewScreen: Sendable {
    /// What the figures are worked out from: the loaded data as it was when they were asked for
    /// (array copies share storage, so taking it costs nothing on the terminal thread).
    struct Inputs: Sendable {
        var executions: [String: [Execution]]
        var orders: OrderIndex
        var logs: [TailedEvent]
        var metrics: StatesMetrics?
        var now: Date

        /// Walks every loaded execution and log record (100 ms and more at full windows): run
        /// off the terminal thread, the result comes back as an update.
        func workOut() -> OverviewFigures {
            OverviewFigures(
                executions: executions.values.flatMap { $0 }, ordersByStatus: orders.statusCounts,
                pendingOrders: orders.pendingOrders, logs: logs, metrics: metrics, now: now)
        }
    }

    public internal(set) var figures: OverviewFigures?
    public var metrics: StatesMetrics?
    /// The selected minute of the chart (0…59; the newest is 59).
    public private(set) var cursor = OverviewFigures.chartMinutes - 1
    /// The dashboard opens here once there is history (set by the composition root).
    public var isStartScreen = false
    /// No key has been pressed yet: opening on the Overview cannot pull the screen from under one.
    var untouched = true

    public init() {}

    mutating func moveCursor(by delta: Int) {
        cursor = max(0, min(OverviewFigures.chartMinutes - 1, cursor + delta))
    }

    public var selectedMinute: OverviewFigures.Minute? {
        figures.flatMap { $0.minutes.indices.contains(cursor) ? $0.minutes[cursor] : nil }
    }
}
