import Foundation
import OrderDeckCore

extension DashboardState {
    /// The raw events, the states, or — drilled in — the iterations or branches.
    var executionExport: ExportTable? {
        func iso(_ date: Date?) -> String { Format.iso(date) }
        if execution.raw {
            return ExportTable(
                what: "events", headers: ["id", "previousEventId", "timestamp", "type", "details"],
                rows: execution.events.map {
                    [String($0.id), String($0.previousEventId), iso($0.timestamp), $0.type, $0.details.description]
                }, numeric: ["id", "previousEventId"])
        }
        switch execution.rows {
        case .steps(let steps):
            return ExportTable(
                what: "states",
                headers: [
                    "state", "kind", "entered", "exited", "durationMs", "retries", "outcome", "error", "cause",
                ],
                rows: steps.map {
                    [
                        $0.name, $0.kind.rawValue, iso($0.entered), iso($0.exited),
                        $0.duration.map { String(Int(($0 * 1000).rounded())) } ?? "", String($0.retries),
                        $0.outcome.rawValue, $0.error ?? "", $0.cause ?? "",
                    ]
                }, numeric: ["durationMs", "retries"])
        case .groups(let parent):
            return ExportTable(
                what: parent.kind == .map ? "iterations" : "branches",
                headers: ["index", "attempt", "started", "ended", "outcome", "states"],
                rows: parent.children.map {
                    [
                        String($0.index), String($0.attempt), iso($0.started), iso($0.ended), $0.outcome.rawValue,
                        String($0.steps.count),
                    ]
                }, numeric: ["index", "attempt", "states"])
        }
    }
}
