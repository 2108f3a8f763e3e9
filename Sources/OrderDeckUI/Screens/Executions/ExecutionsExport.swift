import OrderDeckCore

extension DashboardState {
    /// The executions shown.
    var executionsExport: ExportTable? {
        ExportTable(
            what: "executions",
            headers: [
                "machine", "name", "status", "startDate", "stopDate", "redriveCount", "executionArn",
            ],
            rows: executions.visible.map {
                [
                    $0.machineName, $0.name, $0.status.rawValue, Format.iso($0.startDate), Format.iso($0.stopDate),
                    String($0.redrive.count), $0.arn.rawValue,
                ]
            })
    }
}
