import Foundation
import OrderDeckCore

extension DashboardState {
    /// The log lines shown.
    var logsExport: ExportTable? {
        ExportTable(
            what: "log lines", headers: ["timestamp", "logGroup", "executionArn", "type", "id", "message"],
            rows: logs.visible.map {
                [
                    Format.iso(Date(timeIntervalSince1970: Double($0.timestamp) / 1000)), $0.group,
                    $0.record?.executionArn ?? "",
                    $0.record?.event.type ?? "", $0.record.map { String($0.event.id) } ?? "", $0.message,
                ]
            }, numeric: ["id"])
    }
}
