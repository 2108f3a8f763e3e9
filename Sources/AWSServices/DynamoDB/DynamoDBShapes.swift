import Foundation

/// Request and response shapes of the DynamoDB calls OrderDeck makes (field names as on the wire).
public enum DynamoDB {
    public struct ListTablesInput: Codable, Sendable {
        public var ExclusiveStartTableName: String?
        public var Limit: Int?
        public init(ExclusiveStartTableName: String? = nil, Limit: Int? = nil) {
            self.ExclusiveStartTableName = ExclusiveStartTableName
            self.Limit = Limit
        }
    }

    public struct ListTablesOutput: Codable, Sendable {
        public var TableNames: [String]?
        public var LastEvaluatedTableName: String?
    }

    public struct KeySchemaElement: Codable, Sendable, Hashable {
        public var AttributeName: String
        public var KeyType: String
        public init(AttributeName: String, KeyType: String) {
            self.AttributeName = AttributeName
            self.KeyType = KeyType
        }
    }

    public struct AttributeDefinition: Codable, Sendable, Hashable {
        public var AttributeName: String
        public var AttributeType: String
        public init(AttributeName: String, AttributeType: String) {
            self.AttributeName = AttributeName
            self.AttributeType = AttributeType
        }
    }

    public struct IndexDescription: Codable, Sendable {
        public var IndexName: String
        public var KeySchema: [KeySchemaElement]?
    }

    public struct TableDescription: Codable, Sendable {
        public var TableName: String?
        public var TableArn: String?
        public var TableStatus: String?
        public var KeySchema: [KeySchemaElement]?
        public var AttributeDefinitions: [AttributeDefinition]?
        public var ItemCount: Int64?
        public var TableSizeBytes: Int64?
        public var GlobalSecondaryIndexes: [IndexDescription]?
        public var LocalSecondaryIndexes: [IndexDescription]?
        public var BillingModeSummary: BillingModeSummary?
        /// The table's current stream, when it has one (DynamoDB Streams reads it).
        public var LatestStreamArn: String?
        public var LatestStreamLabel: String?
        public var StreamSpecification: StreamSpecification?

        public struct BillingModeSummary: Codable, Sendable {
            public var BillingMode: String?
        }

        /// The attribute names of the hash and range keys.
        public var keyNames: (hash: String?, range: String?) {
            (
                KeySchema?.first { $0.KeyType == "HASH" }?.AttributeName,
                KeySchema?.first { $0.KeyType == "RANGE" }?.AttributeName
            )
        }
    }

    public struct DescribeTableInput: Codable, Sendable {
        public var TableName: String
        public init(TableName: String) { self.TableName = TableName }
    }

    public struct DescribeTableOutput: Codable, Sendable {
        public var Table: TableDescription
    }

    public struct CreateTableInput: Codable, Sendable {
        public var TableName: String
        public var KeySchema: [KeySchemaElement]
        public var AttributeDefinitions: [AttributeDefinition]
        public var BillingMode: String?
        public var GlobalSecondaryIndexes: [GlobalSecondaryIndex]?
        public var StreamSpecification: StreamSpecification?
        public init(
            TableName: String, KeySchema: [KeySchemaElement], AttributeDefinitions: [AttributeDefinition],
            BillingMode: String? = "PAY_PER_REQUEST", GlobalSecondaryIndexes: [GlobalSecondaryIndex]? = nil,
            StreamSpecification: StreamSpecification? = nil
        ) {
            self.TableName = TableName
            self.KeySchema = KeySchema
            self.AttributeDefinitions = AttributeDefinitions
            self.BillingMode = BillingMode
            self.GlobalSecondaryIndexes = GlobalSecondaryIndexes
            self.StreamSpecification = StreamSpecification
        }
    }

    /// Whether a table writes a stream of its changes, and what each record holds
    /// (`KEYS_ONLY`, `NEW_IMAGE`, `OLD_IMAGE`, `NEW_AND_OLD_IMAGES`).
    public struct StreamSpecification: Codable, Sendable, Equatable {
        public var StreamEnabled: Bool
        public var StreamViewType: String?
        public init(StreamEnabled: Bool, StreamViewType: String? = nil) {
            self.StreamEnabled = StreamEnabled
            self.StreamViewType = StreamViewType
        }
    }

    public struct GlobalSecondaryIndex: Codable, Sendable {
        public var IndexName: String
        public var KeySchema: [KeySchemaElement]
        public var Projection: Projection
        public init(IndexName: String, KeySchema: [KeySchemaElement], Projection: Projection) {
            self.IndexName = IndexName
            self.KeySchema = KeySchema
            self.Projection = Projection
        }
    }

    public struct Projection: Codable, Sendable {
        public var ProjectionType: String
        public init(ProjectionType: String) { self.ProjectionType = ProjectionType }
    }

    public struct CreateTableOutput: Codable, Sendable {
        public var TableDescription: TableDescription?
    }

    /// UpdateTable as OrderDeck uses it: turning a table's stream on.
    public struct UpdateTableInput: Codable, Sendable {
        public var TableName: String
        public var StreamSpecification: StreamSpecification?
        public init(TableName: String, StreamSpecification: StreamSpecification? = nil) {
            self.TableName = TableName
            self.StreamSpecification = StreamSpecification
        }
    }

    public struct ScanInput: Codable, Sendable {
        public var TableName: String
        public var IndexName: String?
        public var Limit: Int?
        public var ExclusiveStartKey: DynamoItem?
        public var Segment: Int?
        public var TotalSegments: Int?
        public var FilterExpression: String?
        public var ProjectionExpression: String?
        public var ExpressionAttributeNames: [String: String]?
        public var ExpressionAttributeValues: DynamoItem?
        public var ConsistentRead: Bool?

        public init(
            TableName: String, IndexName: String? = nil, Limit: Int? = nil, ExclusiveStartKey: DynamoItem? = nil,
            Segment: Int? = nil, TotalSegments: Int? = nil, FilterExpression: String? = nil,
            ProjectionExpression: String? = nil, ExpressionAttributeNames: [String: String]? = nil,
            ExpressionAttributeValues: DynamoItem? = nil, ConsistentRead: Bool? = nil
        ) {
            self.TableName = TableName
            self.IndexName = IndexName
            self.Limit = Limit
            self.ExclusiveStartKey = ExclusiveStartKey
            self.Segment = Segment
            self.TotalSegments = TotalSegments
            self.FilterExpression = FilterExpression
            self.ProjectionExpression = ProjectionExpression
            self.ExpressionAttributeNames = ExpressionAttributeNames
            self.ExpressionAttributeValues = ExpressionAttributeValues
            self.ConsistentRead = ConsistentRead
        }
    }

    public struct ScanOutput: Codable, Sendable {
        public var Items: [DynamoItem]?
        public var Count: Int?
        public var ScannedCount: Int?
        public var LastEvaluatedKey: DynamoItem?
        public init(
            Items: [DynamoItem]? = nil, Count: Int? = nil, ScannedCount: Int? = nil, LastEvaluatedKey: DynamoItem? = nil
        ) {
            self.Items = Items
            self.Count = Count
            self.ScannedCount = ScannedCount
            self.LastEvaluatedKey = LastEvaluatedKey
        }
    }

    public struct QueryInput: Codable, Sendable {
        public var TableName: String
        public var IndexName: String?
        public var KeyConditionExpression: String
        public var FilterExpression: String?
        public var ProjectionExpression: String?
        public var ExpressionAttributeNames: [String: String]?
        public var ExpressionAttributeValues: DynamoItem?
        public var Limit: Int?
        public var ExclusiveStartKey: DynamoItem?
        public var ScanIndexForward: Bool?
        public var ConsistentRead: Bool?

        public init(
            TableName: String, IndexName: String? = nil, KeyConditionExpression: String,
            FilterExpression: String? = nil,
            ProjectionExpression: String? = nil, ExpressionAttributeNames: [String: String]? = nil,
            ExpressionAttributeValues: DynamoItem? = nil, Limit: Int? = nil, ExclusiveStartKey: DynamoItem? = nil,
            ScanIndexForward: Bool? = nil, ConsistentRead: Bool? = nil
        ) {
            self.TableName = TableName
            self.IndexName = IndexName
            self.KeyConditionExpression = KeyConditionExpression
            self.FilterExpression = FilterExpression
            self.ProjectionExpression = ProjectionExpression
            self.ExpressionAttributeNames = ExpressionAttributeNames
            self.ExpressionAttributeValues = ExpressionAttributeValues
            self.Limit = Limit
            self.ExclusiveStartKey = ExclusiveStartKey
            self.ScanIndexForward = ScanIndexForward
            self.ConsistentRead = ConsistentRead
        }
    }

    public typealias QueryOutput = ScanOutput

    public struct GetItemInput: Codable, Sendable {
        public var TableName: String
        public var Key: DynamoItem
        public var ConsistentRead: Bool?
        public var ProjectionExpression: String?
        public init(
            TableName: String, Key: DynamoItem, ConsistentRead: Bool? = nil, ProjectionExpression: String? = nil
        ) {
            self.TableName = TableName
            self.Key = Key
            self.ConsistentRead = ConsistentRead
            self.ProjectionExpression = ProjectionExpression
        }
    }

    public struct GetItemOutput: Codable, Sendable {
        public var Item: DynamoItem?
    }

    public struct PutItemInput: Codable, Sendable {
        public var TableName: String
        public var Item: DynamoItem
        public var ConditionExpression: String?
        public var ExpressionAttributeNames: [String: String]?
        public var ExpressionAttributeValues: DynamoItem?
        public init(
            TableName: String, Item: DynamoItem, ConditionExpression: String? = nil,
            ExpressionAttributeNames: [String: String]? = nil, ExpressionAttributeValues: DynamoItem? = nil
        ) {
            self.TableName = TableName
            self.Item = Item
            self.ConditionExpression = ConditionExpression
            self.ExpressionAttributeNames = ExpressionAttributeNames
            self.ExpressionAttributeValues = ExpressionAttributeValues
        }
    }

    public struct UpdateItemInput: Codable, Sendable {
        public var TableName: String
        public var Key: DynamoItem
        public var UpdateExpression: String
        public var ConditionExpression: String?
        public var ExpressionAttributeNames: [String: String]?
        public var ExpressionAttributeValues: DynamoItem?
        public var ReturnValues: String?
        public init(
            TableName: String, Key: DynamoItem, UpdateExpression: String, ConditionExpression: String? = nil,
            ExpressionAttributeNames: [String: String]? = nil, ExpressionAttributeValues: DynamoItem? = nil,
            ReturnValues: String? = nil
        ) {
            self.TableName = TableName
            self.Key = Key
            self.UpdateExpression = UpdateExpression
            self.ConditionExpression = ConditionExpression
            self.ExpressionAttributeNames = ExpressionAttributeNames
            self.ExpressionAttributeValues = ExpressionAttributeValues
            self.ReturnValues = ReturnValues
        }
    }

    public struct UpdateItemOutput: Codable, Sendable {
        public var Attributes: DynamoItem?
    }

    public struct WriteRequest: Codable, Sendable {
        public struct Put: Codable, Sendable {
            public var Item: DynamoItem
        }
        public struct Delete: Codable, Sendable {
            public var Key: DynamoItem
        }
        public var PutRequest: Put?
        public var DeleteRequest: Delete?

        public static func put(_ item: DynamoItem) -> WriteRequest { WriteRequest(PutRequest: Put(Item: item)) }
        public static func delete(_ key: DynamoItem) -> WriteRequest { WriteRequest(DeleteRequest: Delete(Key: key)) }
    }

    public struct BatchWriteItemInput: Codable, Sendable {
        public var RequestItems: [String: [WriteRequest]]
        public init(RequestItems: [String: [WriteRequest]]) { self.RequestItems = RequestItems }
    }

    public struct BatchWriteItemOutput: Codable, Sendable {
        public var UnprocessedItems: [String: [WriteRequest]]?
    }
}
