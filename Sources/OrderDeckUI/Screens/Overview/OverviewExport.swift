import OrderDeckCore

extension DashboardState {
    /// The chart's minutes, as counted.
    var overviewExport: ExportTable? {
        guard let figures = overview.figures else { return nil }
        return ExportTable(
            what: "minutes", headers: ["minute", "started", "succeeded", "failed"],
            rows: figures.minutes.map {
                [Format.iso($0.start), String($0.started), String($0.succeeded), String($0.failed)]
            }, numeric: ["started", "succeeded", "failed"])
    }
}
