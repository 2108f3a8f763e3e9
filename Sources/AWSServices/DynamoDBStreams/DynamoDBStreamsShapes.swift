import Foundation

/// Request and response shapes of the DynamoDB Streams calls OrderDeck makes (botocore's
/// `dynamodbstreams` 2012-08-10 model; field names as on the wire).
/// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Operations_Amazon_DynamoDB_Streams.html
public enum DynamoDBStreams {
    public struct DescribeStreamInput: Codable, Sendable {
        public var StreamArn: String
        public var Limit: Int?
        public var ExclusiveStartShardId: String?
        public init(StreamArn: String, Limit: Int? = nil, ExclusiveStartShardId: String? = nil) {
            self.StreamArn = StreamArn
            self.Limit = Limit
            self.ExclusiveStartShardId = ExclusiveStartShardId
        }
    }

    public struct DescribeStreamOutput: Codable, Sendable {
        public var StreamDescription: StreamDescription?
    }

    public struct StreamDescription: Codable, Sendable {
        public var StreamArn: String?
        public var StreamLabel: String?
        /// `ENABLING`, `ENABLED`, `DISABLING`, `DISABLED`.
        public var StreamStatus: String?
        public var StreamViewType: String?
        public var TableName: String?
        public var Shards: [Shard]?
        /// Set when more shards are left: the next page starts after it.
        public var LastEvaluatedShardId: String?
    }

    public struct Shard: Codable, Sendable, Equatable {
        public var ShardId: String
        public var SequenceNumberRange: SequenceNumberRange?
        public var ParentShardId: String?
        public init(ShardId: String, SequenceNumberRange: SequenceNumberRange? = nil, ParentShardId: String? = nil) {
            self.ShardId = ShardId
            self.SequenceNumberRange = SequenceNumberRange
            self.ParentShardId = ParentShardId
        }

        /// A closed shard has an ending sequence number: once read to its end it yields nothing more.
        public var isClosed: Bool { SequenceNumberRange?.EndingSequenceNumber != nil }
    }

    public struct SequenceNumberRange: Codable, Sendable, Equatable {
        public var StartingSequenceNumber: String?
        public var EndingSequenceNumber: String?
        public init(StartingSequenceNumber: String? = nil, EndingSequenceNumber: String? = nil) {
            self.StartingSequenceNumber = StartingSequenceNumber
            self.EndingSequenceNumber = EndingSequenceNumber
        }
    }

    public struct GetShardIteratorInput: Codable, Sendable {
        public var StreamArn: String
        public var ShardId: String
        /// `TRIM_HORIZON`, `LATEST`, `AT_SEQUENCE_NUMBER`, `AFTER_SEQUENCE_NUMBER`.
        public var ShardIteratorType: String
        public var SequenceNumber: String?
        public init(StreamArn: String, ShardId: String, ShardIteratorType: String, SequenceNumber: String? = nil) {
            self.StreamArn = StreamArn
            self.ShardId = ShardId
            self.ShardIteratorType = ShardIteratorType
            self.SequenceNumber = SequenceNumber
        }
    }

    public struct GetShardIteratorOutput: Codable, Sendable {
        public var ShardIterator: String?
    }

    public struct GetRecordsInput: Codable, Sendable {
        public var ShardIterator: String
        public var Limit: Int?
        public init(ShardIterator: String, Limit: Int? = nil) {
            self.ShardIterator = ShardIterator
            self.Limit = Limit
        }
    }

    public struct GetRecordsOutput: Codable, Sendable {
        public var Records: [Record]?
        /// Nil once a closed shard has been read to its end.
        public var NextShardIterator: String?
    }

    public struct Record: Codable, Sendable {
        public var eventID: String?
        /// `INSERT`, `MODIFY`, `REMOVE`.
        public var eventName: String?
        public var dynamodb: StreamRecord?
        public init(eventID: String? = nil, eventName: String? = nil, dynamodb: StreamRecord? = nil) {
            self.eventID = eventID
            self.eventName = eventName
            self.dynamodb = dynamodb
        }
    }

    /// One change: the item's key, and its image after the change when the stream carries it.
    public struct StreamRecord: Codable, Sendable {
        public var Keys: DynamoItem?
        public var NewImage: DynamoItem?
        public var OldImage: DynamoItem?
        public var SequenceNumber: String?
        public var StreamViewType: String?
        public init(
            Keys: DynamoItem? = nil, NewImage: DynamoItem? = nil, OldImage: DynamoItem? = nil,
            SequenceNumber: String? = nil, StreamViewType: String? = nil
        ) {
            self.Keys = Keys
            self.NewImage = NewImage
            self.OldImage = OldImage
            self.SequenceNumber = SequenceNumber
            self.StreamViewType = StreamViewType
        }
    }
}
