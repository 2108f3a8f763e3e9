import OrderDeckCore

extension DashboardState {
    /// The orders shown, with the keys in the order `orders --output json` writes its records.
    var ordersExport: ExportTable? {
        ExportTable(
            what: "orders",
            headers: ["id", "user_id", "status", "createdAt", "updatedAt", "amount", "currency", "executionArn"],
            rows: orders.visible.map {
                [
                    $0.id.rawValue, $0.userId, $0.status.rawValue, Format.iso($0.createdAt), Format.iso($0.updatedAt),
                    $0.amount ?? "",
                    $0.currency ?? "", $0.executionArn?.rawValue ?? "",
                ]
            }, numeric: ["amount"])
    }
}
