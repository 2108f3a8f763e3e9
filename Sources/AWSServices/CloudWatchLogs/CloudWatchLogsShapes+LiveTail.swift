/// The shapes of StartLiveTail (botocore's `logs` model): the request, and the two events of
/// its `responseStream` (`sessionStart`, then a `sessionUpdate` about every second).
extension CloudWatchLogs {
    public struct StartLiveTailInput: Codable, Sendable, Equatable {
        /// Log group ARNs without the trailing `:*` (DescribeLogGroups' `logGroupArn`), up to 10.
        public var logGroupIdentifiers: [String]
        public var logStreamNames: [String]?
        public var logStreamNamePrefixes: [String]?
        public var logEventFilterPattern: String?

        public init(
            logGroupIdentifiers: [String], logStreamNames: [String]? = nil, logStreamNamePrefixes: [String]? = nil,
            logEventFilterPattern: String? = nil
        ) {
            self.logGroupIdentifiers = logGroupIdentifiers
            self.logStreamNames = logStreamNames
            self.logStreamNamePrefixes = logStreamNamePrefixes
            self.logEventFilterPattern = logEventFilterPattern
        }
    }

    public struct LiveTailSessionStart: Codable, Sendable, Equatable {
        public var requestId: String?
        public var sessionId: String?
        public var logGroupIdentifiers: [String]?
        public var logStreamNames: [String]?
        public var logStreamNamePrefixes: [String]?
        public var logEventFilterPattern: String?
    }

    public struct LiveTailSessionUpdate: Codable, Sendable, Equatable {
        public var sessionMetadata: LiveTailSessionMetadata?
        public var sessionResults: [LiveTailSessionLogEvent]?

        public init(sessionMetadata: LiveTailSessionMetadata? = nil, sessionResults: [LiveTailSessionLogEvent]? = nil) {
            self.sessionMetadata = sessionMetadata
            self.sessionResults = sessionResults
        }
    }

    public struct LiveTailSessionMetadata: Codable, Sendable, Equatable {
        /// More than 500 events a second matched: the update holds a sample of them.
        public var sampled: Bool?

        public init(sampled: Bool? = nil) { self.sampled = sampled }
    }

    public struct LiveTailSessionLogEvent: Codable, Sendable, Equatable {
        public var logStreamName: String?
        public var logGroupIdentifier: String?
        public var message: String?
        public var timestamp: Int64?
        public var ingestionTime: Int64?

        public init(
            logStreamName: String? = nil, logGroupIdentifier: String? = nil, message: String? = nil,
            timestamp: Int64? = nil, ingestionTime: Int64? = nil
        ) {
            self.logStreamName = logStreamName
            self.logGroupIdentifier = logGroupIdentifier
            self.message = message
            self.timestamp = timestamp
            self.ingestionTime = ingestionTime
        }
    }

    /// One event of a Live Tail session's stream.
    public enum LiveTailEvent: Sendable, Equatable {
        case sessionStart(LiveTailSessionStart)
        case sessionUpdate(LiveTailSessionUpdate)
    }
}
