import OrderDeckCore

extension DashboardState {
    /// The Map Run's child executions shown.
    var mapRunExport: ExportTable? {
        guard let run = mapRun.detail?.run else { return nil }
        return ExportTable(
            what: "child executions of \(run.name)",
            headers: ["mapRunArn", "name", "status", "startDate", "stopDate", "executionArn"],
            rows: mapRun.visible.map {
                [
                    run.arn, $0.name, $0.status.rawValue, Format.iso($0.startDate), Format.iso($0.stopDate),
                    $0.arn.rawValue,
                ]
            })
    }
}
