import AWSClient
import AWSServices
import Foundation

/// Reads orders from the ORDER table: lazily, page by page, so the first screenful shows before a
/// large table is read; in parallel segments for big tables; by Query when the user is known.
public struct OrderStore: Sendable {
    public let dynamoDB: DynamoDBClient
    public let tableName: String

    public init(dynamoDB: DynamoDBClient, tableName: String) {
        self.dynamoDB = dynamoDB
        self.tableName = tableName
    }

    public struct Filter: Sendable, Equatable {
        public var status: String?
        public var userId: String?
        public init(status: String? = nil, userId: String? = nil) {
            self.status = status
            self.userId = userId
        }
    }

    public struct Loaded: Sendable {
        public var orders: [Order]
        /// The cap was reached with more left in the table.
        public var moreAvailable: Bool
    }

    /// Pages of orders as they arrive (for a consumer that keeps up: the pages are pushed).
    public func pages(filter: Filter = Filter(), segments: Int = 1, pageSize: Int? = nil) -> AsyncThrowingStream<
        [Order], any Error
    > {
        let store = self
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    try await store.forEachPage(filter: filter, segments: segments, pageSize: pageSize) {
                        continuation.yield($0)
                        return true
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// Calls `body` with each page of orders as it arrives; `body` returns false to stop. With a
    /// user, a Query on the partition key; otherwise a Scan (`segments` > 1 scans in parallel).
    /// The status filter runs server side. One segment asks for the next page only once `body`
    /// has returned, so a slow reader (a pipe) holds the scan back, not pages in memory.
    public func forEachPage(
        filter: Filter = Filter(), segments: Int = 1, pageSize: Int? = nil, _ body: ([Order]) async throws -> Bool
    ) async throws {
        try await forEachPage(filter: filter, segments: segments, pageSize: pageSize, as: DynamoPackedPage.self) {
            try await body($0.items.map(Order.init(packed:)))
        }
    }

    /// The same pages with their items left as text, for writing them straight out
    /// (`Order.writeJSON(item:of:)`): no dictionary per item.
    public func forEachRawPage(
        filter: Filter = Filter(), segments: Int = 1, pageSize: Int? = nil,
        _ body: (DynamoRawPage) async throws -> Bool
    ) async throws {
        try await forEachPage(filter: filter, segments: segments, pageSize: pageSize, as: DynamoRawPage.self, body)
    }

    private func forEachPage<Page: DynamoPage>(
        filter: Filter, segments: Int, pageSize: Int?, as _: Page.Type, _ body: (Page) async throws -> Bool
    ) async throws {
        let names: [String: String] = filter.status == nil ? [:] : ["#s": "orderStatus"]
        let values: DynamoItem = filter.status.map { [":s": .s($0)] } ?? [:]
        let filterExpression: String? = filter.status == nil ? nil : "#s = :s"
        if let user = filter.userId {
            var keyValues = values
            keyValues[":u"] = .s(user)
            var keyNames = names
            keyNames["#u"] = "user_id"
            let input = DynamoDB.QueryInput(
                TableName: tableName, KeyConditionExpression: "#u = :u", FilterExpression: filterExpression,
                ExpressionAttributeNames: keyNames, ExpressionAttributeValues: keyValues, Limit: pageSize)
            for try await page in dynamoDB.queryPages(input, as: Page.self) {
                guard try await body(page) else { return }
            }
            return
        }
        let input = DynamoDB.ScanInput(
            TableName: tableName, Limit: pageSize, FilterExpression: filterExpression,
            ExpressionAttributeNames: names.isEmpty ? nil : names,
            ExpressionAttributeValues: values.isEmpty ? nil : values)
        if segments > 1 {
            for try await page in dynamoDB.parallelScan(input, segments: segments, as: Page.self) {
                guard try await body(page) else { return }
            }
        } else {
            for try await page in dynamoDB.scanPages(input, as: Page.self) {
                guard try await body(page) else { return }
            }
        }
    }

    /// Up to `cap` orders (nil: all), stopping the scan as soon as the cap is reached.
    public func load(filter: Filter = Filter(), cap: Int? = nil, segments: Int = 1, pageSize: Int? = nil) async throws
        -> Loaded
    {
        var orders: [Order] = []
        var more = false
        try await forEachPage(filter: filter, segments: segments, pageSize: pageSize ?? cap.map { min($0, 1000) }) {
            page in
            orders.append(contentsOf: page)
            guard let cap, orders.count >= cap else { return true }
            orders = Array(orders.prefix(cap))
            more = true
            return false
        }
        return Loaded(orders: orders, moreAvailable: more)
    }

    /// One order by id (and user, when known: then it is a GetItem).
    public func order(id: String, userId: String? = nil) async throws -> Order? {
        if let userId {
            return try await dynamoDB.getItem(.init(TableName: tableName, Key: ["user_id": .s(userId), "id": .s(id)]))
                .map(Order.init(item:))
        }
        let input = DynamoDB.ScanInput(
            TableName: tableName, FilterExpression: "#i = :i", ExpressionAttributeNames: ["#i": "id"],
            ExpressionAttributeValues: [":i": .s(id)])
        for try await page in dynamoDB.scanPages(input) {
            if let item = page.Items?.first { return Order(item: item) }
        }
        return nil
    }
}

extension Order {
    /// Sort keys for tables and `--sort`.
    public enum SortKey: String, Sendable, CaseIterable {
        case created, id, user, status, amount
    }

    /// Sorted by a column, ties by id. Keys are computed once per order, not per comparison
    /// (parsing an amount inside the comparator made sorting 100,000 orders take half a second).
    public static func sorted(_ orders: [Order], by key: SortKey, descending: Bool) -> [Order] {
        sortedIndices(orders, by: key, descending: descending).map { orders[$0] }
    }

    /// The permutation that sorts `orders` (for views that keep row numbers, not copies).
    public static func sortedIndices(_ orders: [Order], by key: SortKey, descending: Bool) -> [Int] {
        let order: [Int]
        switch key {
        case .created:
            let keys = orders.map { $0.createdAt?.timeIntervalSince1970 ?? -Double.infinity }
            order = orders.indices.sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : orders[$0].id < orders[$1].id }
        case .amount:
            let keys = orders.map { $0.amount.flatMap(Double.init) ?? -Double.infinity }
            order = orders.indices.sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : orders[$0].id < orders[$1].id }
        case .id:
            order = orders.indices.sorted { orders[$0].id < orders[$1].id }
        case .user:
            order = orders.indices.sorted {
                orders[$0].userId != orders[$1].userId
                    ? orders[$0].userId < orders[$1].userId : orders[$0].id < orders[$1].id
            }
        case .status:
            order = orders.indices.sorted {
                orders[$0].status != orders[$1].status
                    ? orders[$0].status < orders[$1].status : orders[$0].id < orders[$1].id
            }
        }
        return descending ? order.reversed() : order
    }
}
