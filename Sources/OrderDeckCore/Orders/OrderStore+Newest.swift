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
            for try await page in dynamoDB.queryPages(query, as: DynamoPackedPage.self) {
                found += page.items.map(Order.init(packed:))
            }
        }
        return found
    }

    /// The newest `limit` orders, newest first, through the `RecentOrders` index: a Query per UTC
    /// day from `now` back (`OrderTableSchema`). Nil when the table has no such index — then only
    /// a scan can answer, in table order. `createdBefore`: only orders created before then (the
    /// dashboard paging in orders older than those it holds).
    public func newest(limit: Int, status: String? = nil, now: Date, createdBefore: Date? = nil) async throws -> Loaded?
    {
        var found: [Order] = []
        let indexed = try await forEachNewestPage(status: status, now: now, pageSize: min(1000, max(limit, 1))) {
            page in
            let fitting = createdBefore.map { before in page.filter { ($0.createdAt ?? .distantPast) < before } }
            found += (fitting ?? page).prefix(limit - found.count)
            return found.count < limit
        }
        guard indexed else { return nil }
        return Loaded(orders: found, moreAvailable: found.count == limit)
    }

    /// Calls `body` with every order, newest first, a page at a time as the index answers (the
    /// next page is asked for only when `body` has returned, so nothing is held but the page in
    /// hand); `body` returns false to stop. A Query per UTC day from `now` back, until the index's
    /// items are all seen or `emptyDaysBeforeStopping` days in a row hold none. Returns false,
    /// having read nothing, when the table has no `RecentOrders` index. The index is sparse: an
    /// item without `createdDay` is only seen by a scan.
    public func forEachNewestPage(
        status: String? = nil, now: Date, pageSize: Int? = nil, _ body: ([Order]) async throws -> Bool
    ) async throws -> Bool {
        guard let table = try await describedWithRecentIndex() else { return false }
        let indexed = table.ItemCount.map(Int.init)
        var seen = 0
        var emptyDays = 0
        var day = now
        while emptyDays < Self.emptyDaysBeforeStopping {
            var dayCount = 0
            for try await page in dynamoDB.queryPages(
                dayQuery(day, status: status, limit: pageSize), as: DynamoPackedPage.self)
            {
                let items = page.items
                dayCount += items.count
                seen += page.ScannedCount ?? items.count
                if !items.isEmpty, try await !body(items.map(Order.init(packed:))) { return true }
            }
            emptyDays = dayCount == 0 ? emptyDays + 1 : 0
            if let indexed, seen >= indexed { break }
            day = day.addingTimeInterval(-86_400)
        }
        return true
    }
}
