/// Request and response shapes of the CloudWatch Logs calls OrderDeck makes.
/// Times are epoch milliseconds.
public enum CloudWatchLogs {
    public struct LogGroup: Codable, Sendable, Hashable {
        public var logGroupName: String
        /// The group's ARN with a trailing `:*` (for IAM policies).
        public var arn: String?
        /// The group's ARN without the `:*`: what StartLiveTail takes as a log group identifier.
        public var logGroupArn: String?
        public var creationTime: Int64?
        public var storedBytes: Int64?
        public var retentionInDays: Int?
    }

    public struct DescribeLogGroupsInput: Codable, Sendable {
        public var logGroupNamePrefix: String?
        public var nextToken: String?
        public var limit: Int?
    }

    public struct DescribeLogGroupsOutput: Codable, Sendable {
        public var logGroups: [LogGroup]?
        public var nextToken: String?
    }

    public struct LogStream: Codable, Sendable, Hashable {
        public var logStreamName: String
        public var creationTime: Int64?
        public var firstEventTimestamp: Int64?
        public var lastEventTimestamp: Int64?
        public var lastIngestionTime: Int64?
        public var uploadSequenceToken: String?
    }

    public struct DescribeLogStreamsInput: Codable, Sendable {
        public var logGroupName: String
        public var logStreamNamePrefix: String?
        public var orderBy: String?
        public var descending: Bool?
        public var nextToken: String?
        public var limit: Int?
        public init(
            logGroupName: String, logStreamNamePrefix: String? = nil, orderBy: String? = nil, descending: Bool? = nil,
            nextToken: String? = nil, limit: Int? = nil
        ) {
            self.logGroupName = logGroupName
            self.logStreamNamePrefix = logStreamNamePrefix
            self.orderBy = orderBy
            self.descending = descending
            self.nextToken = nextToken
            self.limit = limit
        }
    }

    public struct DescribeLogStreamsOutput: Codable, Sendable {
        public var logStreams: [LogStream]?
        public var nextToken: String?
    }

    public struct FilteredLogEvent: Codable, Sendable, Hashable {
        public var logStreamName: String?
        public var timestamp: Int64?
        public var message: String?
        public var ingestionTime: Int64?
        public var eventId: String?
    }

    public struct FilterLogEventsInput: Codable, Sendable {
        public var logGroupName: String
        public var logStreamNames: [String]?
        public var logStreamNamePrefix: String?
        public var startTime: Int64?
        public var endTime: Int64?
        public var filterPattern: String?
        public var nextToken: String?
        public var limit: Int?
        public var interleaved: Bool?
        public init(
            logGroupName: String, logStreamNames: [String]? = nil, logStreamNamePrefix: String? = nil,
            startTime: Int64? = nil,
            endTime: Int64? = nil, filterPattern: String? = nil, nextToken: String? = nil, limit: Int? = nil,
            interleaved: Bool? = nil
        ) {
            self.logGroupName = logGroupName
            self.logStreamNames = logStreamNames
            self.logStreamNamePrefix = logStreamNamePrefix
            self.startTime = startTime
            self.endTime = endTime
            self.filterPattern = filterPattern
            self.nextToken = nextToken
            self.limit = limit
            self.interleaved = interleaved
        }
    }

    public struct FilterLogEventsOutput: Codable, Sendable {
        public var events: [FilteredLogEvent]?
        public var nextToken: String?
    }

    public struct OutputLogEvent: Codable, Sendable, Hashable {
        public var timestamp: Int64?
        public var message: String?
        public var ingestionTime: Int64?
    }

    public struct GetLogEventsInput: Codable, Sendable {
        public var logGroupName: String
        public var logStreamName: String
        public var startTime: Int64?
        public var endTime: Int64?
        public var nextToken: String?
        public var limit: Int?
        public var startFromHead: Bool?
        public init(
            logGroupName: String, logStreamName: String, startTime: Int64? = nil, endTime: Int64? = nil,
            nextToken: String? = nil, limit: Int? = nil, startFromHead: Bool? = nil
        ) {
            self.logGroupName = logGroupName
            self.logStreamName = logStreamName
            self.startTime = startTime
            self.endTime = endTime
            self.nextToken = nextToken
            self.limit = limit
            self.startFromHead = startFromHead
        }
    }

    public struct GetLogEventsOutput: Codable, Sendable {
        public var events: [OutputLogEvent]?
        public var nextForwardToken: String?
        public var nextBackwardToken: String?
    }

    public struct InputLogEvent: Codable, Sendable, Hashable {
        public var timestamp: Int64
        public var message: String
        public init(timestamp: Int64, message: String) {
            self.timestamp = timestamp
            self.message = message
        }
    }

    public struct PutLogEventsInput: Codable, Sendable {
        public var logGroupName: String
        public var logStreamName: String
        public var logEvents: [InputLogEvent]
        public var sequenceToken: String?
    }

    public struct RejectedLogEventsInfo: Codable, Sendable {
        public var tooNewLogEventStartIndex: Int?
        public var tooOldLogEventEndIndex: Int?
        public var expiredLogEventEndIndex: Int?
    }

    public struct PutLogEventsOutput: Codable, Sendable {
        public var nextSequenceToken: String?
        public var rejectedLogEventsInfo: RejectedLogEventsInfo?
    }
}
