import AWSClient
import AWSServices
import Foundation

extension OrderStore {
    /// Whether the table has the `ChangedOrders` index (DescribeTable).
    public func hasChangedIndex() async throws -> Bool {
        let table = try await dynamoDB.describeTable(tableName)
        return table.GlobalSecondaryIndexes?.contains { $0.IndexName == OrderTableSchema.changedIndex } == true
    }

    /// The orders written (created or changed) after `since`, through the `ChangedOrders` index:
    /// one Query per UTC day from `since`'s to `now`'s, `updatedAt > since`. Nothing changed,
    /// nothing read.
    public func changed(since: Date, now: Date) async throws -> [Order] {
        let after = ISO8601.formatMilliseconds(since)
        var found: [Order] = []
        var day = since
        let lastDay = ISO8601.format(now).prefix(10)
        while true {
            let dayText = ISO8601.format(day).prefix(10)
            let query = DynamoDB.QueryInput(
                TableName: tableName, IndexName: OrderTableSchema.changedIndex,
                KeyConditionExpression: "#d = :d AND #u > :u",
                ExpressionAttributeNames: [
                    "#d": OrderTableSchema.changedDayAttribute, "#u": OrderTableSchema.updatedAttribute,
                ],
                ExpressionAttributeValues: [":d": .s(String(dayText)), ":u": .s(after)])
            for try await page in dynamoDB.queryPages(query, as: DynamoPackedPage.self) {
                found += page.items.map(Order.init(packed:))
            }
            if dayText >= lastDay { break }
            day = day.addingTimeInterval(86_400)
        }
        return found
    }
}
