import AWSClient
import AWSServices
import Foundation

extension OrderStore {
    /// How many days with no order the walk back through the index crosses before it concludes
    /// the index holds nothing older.
    static let emptyDaysBeforeStopping = 92

    /// Every order created in the last `days` UTC days (today included), through the index; nil
    /// when the table has no such index.
    public func created(inLast days: Int, now: Date) async throws -> [Order]? {
        let table = try await dynamoDB.describeTable(tableName)
        guard table.GlobalSecondaryIndexes?.contains(where: { $0.IndexName == OrderTableSchema.recentIndex }) == true
        else { return nil }
        var found: [Order] = []
        for back in 0..<max(1, days) {
            let day = ISO8601.format(now.addingTimeInterval(Double(-back) * 86_400)).prefix(10).description
            let query = DynamoDB.QueryInput(
                TableName: tableName, IndexName: OrderTableSchema.recentIndex, KeyConditionExpression: "#d = :d",
                ExpressionAttributeNames: ["#d": OrderTableSchema.dayAttribute],
                ExpressionAttributeValues: [":d": .s(day)])
            for try await page in dynamoDB.queryPages(query) { found += (page.Items ?? []).map(Order.init(item:)) }
        }
        return found
    }

    /// The newest `limit` orders, newest first, through the `RecentOrders` index: a Query per UTC
    /// day from `now` back (`OrderTableSchema`). Nil when the table has no such index — then only
    /// a scan can answer, in table order.
    public func newest(limit: Int, status: String? = nil, now: Date) async throws -> Loaded? {
        let table = try await dynamoDB.describeTable(tableName)
        guard table.GlobalSecondaryIndexes?.contains(where: { $0.IndexName == OrderTableSchema.recentIndex }) == true
        else { return nil }
        let indexed = table.ItemCount.map(Int.init)
        var found: [Order] = []
        var seen = 0
        var emptyDays = 0
        var day = now
        while found.count < limit, emptyDays < Self.emptyDaysBeforeStopping {
            var names = ["#d": OrderTableSchema.dayAttribute]
            var values: DynamoItem = [":d": .s(ISO8601.format(day).prefix(10).description)]
            if let status {
                names["#s"] = "orderStatus"
                values[":s"] = .s(status)
            }
            let query = DynamoDB.QueryInput(
                TableName: tableName, IndexName: OrderTableSchema.recentIndex, KeyConditionExpression: "#d = :d",
                FilterExpression: status == nil ? nil : "#s = :s", ExpressionAttributeNames: names,
                ExpressionAttributeValues: values, Limit: min(1000, max(limit - found.count, 1)),
                ScanIndexForward: false)
            var dayCount = 0
            pages: for try await page in dynamoDB.queryPages(query) {
                let items = page.Items ?? []
                dayCount += items.count
                seen += page.ScannedCount ?? items.count
                for item in items {
                    found.append(Order(item: item))
                    if found.count == limit { break pages }
                }
            }
            emptyDays = dayCount == 0 ? emptyDays + 1 : 0
            if let indexed, seen >= indexed { break }
            day = day.addingTimeInterval(-86_400)
        }
        return Loaded(orders: found, moreAvailable: found.count == limit && (indexed.map { seen < $0 } ?? true))
    }
}
