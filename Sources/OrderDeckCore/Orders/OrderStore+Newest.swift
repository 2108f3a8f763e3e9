import AWSClient
import AWSServices
import Foundation

extension OrderStore {
    /// How many days with no order the walk back through the index crosses before it concludes
    /// the index holds nothing older.
    static let emptyDaysBeforeStopping = 92

    /// The table's description when it has the `RecentOrders` index; nil when it has not.
    func describedWithRecentIndex() async throws -> DynamoDB.TableDescription? {
        let table = try await dynamoDB.describeTable(tableName)
        let indexed = table.GlobalSecondaryIndexes?.contains { $0.IndexName == OrderTableSchema.recentIndex } == true
        return indexed ? table : nil
    }

    /// Whether the table has the `RecentOrders` index (DescribeTable).
    public func hasRecentIndex() async throws -> Bool { try await describedWithRecentIndex() != nil }

    /// The Query of one UTC day's partition of the index, newest first.
    func dayQuery(_ day: Date, status: String? = nil, limit: Int? = nil) -> DynamoDB.QueryInput {
        var names = ["#d": OrderTableSchema.dayAttribute]
        var values: DynamoItem = [":d": .s(ISO8601.format(day).prefix(10).description)]
        if let status {
            names["#s"] = "orderStatus"
            values[":s"] = .s(status)
        }
        return DynamoDB.QueryInput(
            TableName: tableName, IndexName: OrderTableSchema.recentIndex, KeyConditionExpression: "#d = :d",
            FilterExpression: status == nil ? nil : "#s = :s", ExpressionAttributeNames: names,
            ExpressionAttributeValues: values, Limit: limit, ScanIndexForward: false)
    }

    /// Every order created in the last `days` UTC days (today included), through the index (the
    /// caller knows it exists: `hasRecentIndex`).
    public func created(inLast days: Int, now: Date) async throws -> [Order] {
        var found: [Order] = []
        for back in 0..<max(1, days) {
            let query = dayQuery(now.addingTimeInterval(Double(-back) * 86_400))
            for try await page in dynamoDB.queryPages(query) { found += (page.Items ?? []).map(Order.init(item:)) }
        }
        return found
    }

    /// The newest `limit` orders, newest first, through the `RecentOrders` index: a Query per UTC
    /// day from `now` back (`OrderTableSchema`). Nil when the table has no such index — then only
    /// a scan can answer, in table order.
    public func newest(limit: Int, status: String? = nil, now: Date) async throws -> Loaded? {
        guard let table = try await describedWithRecentIndex() else { return nil }
        let indexed = table.ItemCount.map(Int.init)
        var found: [Order] = []
        var seen = 0
        var emptyDays = 0
        var day = now
        while found.count < limit, emptyDays < Self.emptyDaysBeforeStopping {
            let query = dayQuery(day, status: status, limit: min(1000, max(limit - found.count, 1)))
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
