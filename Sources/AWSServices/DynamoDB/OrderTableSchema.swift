/// The ORDER table of the monitored system, written once for everything that creates or reads it
/// (the local stack, the CloudFormation template, the CLI and the dashboard).
///
/// Newest-first at any size needs an index sorted by time. `RecentOrders` partitions by the UTC
/// day an order was created (`createdDay`, written by InitializeOrder) and sorts by `createdAt`
/// (ISO 8601, so text order is time order): "the newest N" is a Query on today, then yesterday…,
/// newest first, stopping at N. A day partition never changes once written (a status-keyed index
/// would move every order between partitions when it completes), and spreads writes across days;
/// one day's partition takes ~1,000 writes a second, far beyond this pipeline (a shard suffix
/// would be the next step).
public enum OrderTableSchema {
    public static let partitionKey = "user_id"
    public static let sortKey = "id"
    public static let recentIndex = "RecentOrders"
    public static let dayAttribute = "createdDay"
    public static let createdAttribute = "createdAt"
    /// `ChangedOrders` partitions by the UTC day of an order's last change (`updatedDay`, written
    /// with `updatedAt` by every state that writes the order) and sorts by `updatedAt`: "what
    /// changed since T" is a Query on T's day (and each day after), `updatedAt > T` — a quiet
    /// refresh reads nothing. An order moves between day partitions only when it changes.
    public static let changedIndex = "ChangedOrders"
    public static let changedDayAttribute = "updatedDay"
    public static let updatedAttribute = "updatedAt"
    /// The table's stream carries each changed order whole (`NEW_IMAGE`): the dashboard follows
    /// it (DynamoDB Streams) and shows a change without reading the order again.
    public static let streamViewType = "NEW_IMAGE"

    /// The table's key schema and attribute definitions, with both indexes and the stream.
    public static func createTableInput(_ name: String) -> DynamoDB.CreateTableInput {
        DynamoDB.CreateTableInput(
            TableName: name,
            KeySchema: [
                .init(AttributeName: partitionKey, KeyType: "HASH"), .init(AttributeName: sortKey, KeyType: "RANGE"),
            ],
            AttributeDefinitions: [
                .init(AttributeName: partitionKey, AttributeType: "S"),
                .init(AttributeName: sortKey, AttributeType: "S"),
                .init(AttributeName: dayAttribute, AttributeType: "S"),
                .init(AttributeName: createdAttribute, AttributeType: "S"),
                .init(AttributeName: changedDayAttribute, AttributeType: "S"),
                .init(AttributeName: updatedAttribute, AttributeType: "S"),
            ],
            GlobalSecondaryIndexes: [
                .init(
                    IndexName: recentIndex,
                    KeySchema: [
                        .init(AttributeName: dayAttribute, KeyType: "HASH"),
                        .init(AttributeName: createdAttribute, KeyType: "RANGE"),
                    ],
                    Projection: .init(ProjectionType: "ALL")),
                .init(
                    IndexName: changedIndex,
                    KeySchema: [
                        .init(AttributeName: changedDayAttribute, KeyType: "HASH"),
                        .init(AttributeName: updatedAttribute, KeyType: "RANGE"),
                    ],
                    Projection: .init(ProjectionType: "ALL")),
            ],
            StreamSpecification: .init(StreamEnabled: true, StreamViewType: streamViewType))
    }
}
