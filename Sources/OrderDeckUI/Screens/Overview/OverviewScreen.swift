import Foundation
import OrderDeckCore

/// The Overview screen's state: the figures (worked out again whenever what they come from
/// changes while it shows), the metrics the refresher read, and the chart's selected minute.
public struct OverviewScreen: Sendable {
    public private(set) var figures: OverviewFigures?
    public var metrics: StatesMetrics?
    /// The selected minute of the chart (0…59; the newest is 59).
    public private(set) var cursor = OverviewFigures.chartMinutes - 1
    /// The dashboard opens here once there is history (set by the composition root).
    public var isStartScreen = false
    /// No key has been pressed yet: opening on the Overview cannot pull the screen from under one.
    var untouched = true

    public init() {}

    mutating func recompute(executions: [Execution], orders: OrderIndex, logs: [TailedEvent], now: Date) {
        figures = OverviewFigures(
            executions: executions, ordersByStatus: orders.statusCounts,
            pendingOrders: orders.orders(withStatus: "PENDING"),
            logs: logs, metrics: metrics, now: now)
    }

    mutating func moveCursor(by delta: Int) {
        cursor = max(0, min(OverviewFigures.chartMinutes - 1, cursor + delta))
    }

    public var selectedMinute: OverviewFigures.Minute? {
        figures.flatMap { $0.minutes.indices.contains(cursor) ? $0.minutes[cursor] : nil }
    }
}
