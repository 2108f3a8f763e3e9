import AWSClient
import Foundation

/// Request and response shapes of the Step Functions calls OrderDeck makes.
/// Timestamps arrive as epoch seconds with a fraction (`1795334498.717`).
public enum StepFunctions {
    public struct StateMachineListItem: Codable, Sendable, Hashable {
        public var stateMachineArn: String
        public var name: String
        public var type: String?
        public var creationDate: Date?
    }

    public struct ListStateMachinesOutput: Codable, Sendable {
        public var stateMachines: [StateMachineListItem]
        public var nextToken: String?
    }

    public struct LoggingConfiguration: Codable, Sendable, Hashable {
        public struct Destination: Codable, Sendable, Hashable {
            public struct LogGroup: Codable, Sendable, Hashable {
                public var logGroupArn: String?
                public init(logGroupArn: String?) { self.logGroupArn = logGroupArn }
            }
            public var cloudWatchLogsLogGroup: LogGroup?
            public init(logGroupArn: String) { self.cloudWatchLogsLogGroup = LogGroup(logGroupArn: logGroupArn) }
        }
        public var level: String?
        public var includeExecutionData: Bool?
        public var destinations: [Destination]?

        public init(level: String, includeExecutionData: Bool, logGroupArns: [String]) {
            self.level = level
            self.includeExecutionData = includeExecutionData
            self.destinations = logGroupArns.map(Destination.init(logGroupArn:))
        }

        /// Log group names of the destinations (`arn:…:log-group:NAME:*` → NAME).
        public var logGroupNames: [String] {
            (destinations ?? []).compactMap { $0.cloudWatchLogsLogGroup?.logGroupArn }.compactMap(
                Self.logGroupName(fromArn:))
        }

        public static func logGroupName(fromArn arn: String) -> String? {
            guard let range = arn.range(of: ":log-group:") else { return nil }
            var name = String(arn[range.upperBound...])
            if name.hasSuffix(":*") { name.removeLast(2) }
            return name
        }
    }

    public struct DescribeStateMachineOutput: Codable, Sendable {
        public var stateMachineArn: String
        public var name: String
        public var status: String?
        public var definition: String
        public var roleArn: String
        public var type: String
        public var creationDate: Date?
        public var loggingConfiguration: LoggingConfiguration?
    }

    /// The definition an execution ran (its version's, when started through a version or alias).
    public struct DescribeStateMachineForExecutionOutput: Codable, Sendable {
        public var stateMachineArn: String
        public var name: String
        public var definition: String
        public var roleArn: String?
        public var updateDate: Date?
        public var revisionId: String?
    }

    public struct ExecutionListItem: Codable, Sendable, Hashable {
        public var executionArn: String
        public var stateMachineArn: String
        public var name: String
        public var status: String
        public var startDate: Date
        public var stopDate: Date?
        /// The version and alias it ran, when started through one.
        public var stateMachineVersionArn: String?
        public var stateMachineAliasArn: String?
        /// How often it was redriven and when last (absent: never).
        public var redriveCount: Int?
        public var redriveDate: Date?
        /// A Map Run's child execution (listed by `mapRunArn`): its run, and how many items it took.
        public var mapRunArn: String?
        public var itemCount: Int?
    }

    public struct ListExecutionsInput: Codable, Sendable {
        /// The machine, or (`mapRunArn`) the Map Run whose child executions are listed: one of the two.
        public var stateMachineArn: String?
        public var mapRunArn: String?
        public var statusFilter: String?
        public var maxResults: Int?
        public var nextToken: String?
        /// `REDRIVEN` or `NOT_REDRIVEN`.
        public var redriveFilter: String?
        public init(
            stateMachineArn: String, statusFilter: String? = nil, maxResults: Int? = nil, nextToken: String? = nil,
            redriveFilter: String? = nil
        ) {
            self.stateMachineArn = stateMachineArn
            self.statusFilter = statusFilter
            self.maxResults = maxResults
            self.nextToken = nextToken
            self.redriveFilter = redriveFilter
        }

        /// A Map Run's child executions.
        public init(mapRunArn: String, statusFilter: String? = nil, maxResults: Int? = nil) {
            self.mapRunArn = mapRunArn
            self.statusFilter = statusFilter
            self.maxResults = maxResults
        }
    }

    public struct ListExecutionsOutput: Codable, Sendable {
        public var executions: [ExecutionListItem]
        public var nextToken: String?
    }

    public struct DescribeExecutionOutput: Codable, Sendable, Hashable {
        public var executionArn: String
        public var stateMachineArn: String
        public var name: String?
        public var status: String
        public var startDate: Date
        public var stopDate: Date?
        public var input: String?
        public var output: String?
        public var error: String?
        public var cause: String?
        /// How often it was redriven, when last, and whether it can be (with why not).
        public var redriveCount: Int?
        public var redriveDate: Date?
        /// `REDRIVABLE`, `NOT_REDRIVABLE` or `REDRIVABLE_BY_MAP_RUN`.
        public var redriveStatus: String?
        public var redriveStatusReason: String?
        /// The version and alias it ran, when started through one.
        public var stateMachineVersionArn: String?
        public var stateMachineAliasArn: String?
    }

    public struct RedriveExecutionInput: Codable, Sendable {
        public var executionArn: String
        /// Makes a retried request the same redrive, not a second one.
        public var clientToken: String?
        public init(executionArn: String, clientToken: String? = nil) {
            self.executionArn = executionArn
            self.clientToken = clientToken
        }
    }

    public struct RedriveExecutionOutput: Codable, Sendable {
        public var redriveDate: Date
    }

    /// A distributed Map's run: how many items (and child executions) are where.
    public struct DescribeMapRunOutput: Codable, Sendable, Hashable {
        public struct Counts: Codable, Sendable, Hashable {
            public var pending: Int
            public var running: Int
            public var succeeded: Int
            public var failed: Int
            public var timedOut: Int
            public var aborted: Int
            public var total: Int
            public var resultsWritten: Int?
            public var failuresNotRedrivable: Int?
            public var pendingRedrive: Int?
        }
        public var mapRunArn: String
        public var executionArn: String
        public var status: String
        public var startDate: Date?
        public var stopDate: Date?
        public var maxConcurrency: Int?
        public var toleratedFailurePercentage: Double?
        public var toleratedFailureCount: Int?
        public var itemCounts: Counts
        public var executionCounts: Counts?
        public var redriveCount: Int?
        public var redriveDate: Date?
    }

    public struct ListMapRunsInput: Codable, Sendable {
        public var executionArn: String
        public var maxResults: Int?
        public var nextToken: String?
        public init(executionArn: String, maxResults: Int? = nil) {
            self.executionArn = executionArn
            self.maxResults = maxResults
        }
    }

    /// One Map Run of an execution (ListMapRuns); DescribeMapRun says how far it got.
    public struct MapRunListItem: Codable, Sendable, Hashable {
        public var executionArn: String
        public var mapRunArn: String
        /// The Map Run's own state machine: `…:stateMachine:MACHINE/LABEL`.
        public var stateMachineArn: String
        public var startDate: Date
        public var stopDate: Date?
    }

    public struct ListMapRunsOutput: Codable, Sendable {
        public var mapRuns: [MapRunListItem]
        public var nextToken: String?
    }

    /// One history event; the type-specific `…EventDetails` member is kept whole in `details`.
    public struct HistoryEvent: Sendable, Hashable, Decodable {
        public var timestamp: Date
        public var type: String
        public var id: Int
        public var previousEventId: Int?
        /// Name of the details member, e.g. `taskSucceededEventDetails`.
        public var detailsKey: String?
        public var details: JSONValue?

        public init(
            timestamp: Date, type: String, id: Int, previousEventId: Int?, detailsKey: String?, details: JSONValue?
        ) {
            self.timestamp = timestamp
            self.type = type
            self.id = id
            self.previousEventId = previousEventId
            self.detailsKey = detailsKey
            self.details = details
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: AnyKey.self)
            timestamp = try container.decode(Date.self, forKey: AnyKey("timestamp"))
            type = try container.decode(String.self, forKey: AnyKey("type"))
            id = try container.decode(Int.self, forKey: AnyKey("id"))
            previousEventId = try container.decodeIfPresent(Int.self, forKey: AnyKey("previousEventId"))
            let key = container.allKeys.first { $0.stringValue.hasSuffix("EventDetails") }
            detailsKey = key?.stringValue
            details = try key.map { try container.decode(JSONValue.self, forKey: $0) }
        }
    }

    public struct GetExecutionHistoryInput: Codable, Sendable {
        public var executionArn: String
        public var maxResults: Int?
        public var reverseOrder: Bool?
        public var nextToken: String?
        public var includeExecutionData: Bool?
        public init(
            executionArn: String, maxResults: Int? = nil, reverseOrder: Bool? = nil, nextToken: String? = nil,
            includeExecutionData: Bool? = nil
        ) {
            self.executionArn = executionArn
            self.maxResults = maxResults
            self.reverseOrder = reverseOrder
            self.nextToken = nextToken
            self.includeExecutionData = includeExecutionData
        }
    }

    public struct GetExecutionHistoryOutput: Decodable, Sendable {
        public var events: [HistoryEvent]
        public var nextToken: String?
    }

    public struct StartExecutionInput: Codable, Sendable {
        public var stateMachineArn: String
        public var name: String?
        public var input: String?
        public var traceHeader: String?
        public init(stateMachineArn: String, name: String? = nil, input: String? = nil, traceHeader: String? = nil) {
            self.stateMachineArn = stateMachineArn
            self.name = name
            self.input = input
            self.traceHeader = traceHeader
        }
    }

    public struct StartExecutionOutput: Codable, Sendable {
        public var executionArn: String
        public var startDate: Date?
    }

    public struct StopExecutionInput: Codable, Sendable {
        public var executionArn: String
        public var error: String?
        public var cause: String?
        public init(executionArn: String, error: String? = nil, cause: String? = nil) {
            self.executionArn = executionArn
            self.error = error
            self.cause = cause
        }
    }

    public struct StopExecutionOutput: Codable, Sendable {
        public var stopDate: Date?
    }

    public struct CreateStateMachineInput: Codable, Sendable {
        public var name: String
        public var definition: String
        public var roleArn: String
        public var type: String?
        public var loggingConfiguration: LoggingConfiguration?
        public init(
            name: String, definition: String, roleArn: String, type: String? = nil,
            loggingConfiguration: LoggingConfiguration? = nil
        ) {
            self.name = name
            self.definition = definition
            self.roleArn = roleArn
            self.type = type
            self.loggingConfiguration = loggingConfiguration
        }
    }

    public struct CreateStateMachineOutput: Codable, Sendable {
        public var stateMachineArn: String
        public var creationDate: Date?
    }

    public struct UpdateStateMachineInput: Codable, Sendable {
        public var stateMachineArn: String
        public var definition: String?
        public var roleArn: String?
        public var loggingConfiguration: LoggingConfiguration?
        public init(
            stateMachineArn: String, definition: String? = nil, roleArn: String? = nil,
            loggingConfiguration: LoggingConfiguration? = nil
        ) {
            self.stateMachineArn = stateMachineArn
            self.definition = definition
            self.roleArn = roleArn
            self.loggingConfiguration = loggingConfiguration
        }
    }

    public struct UpdateStateMachineOutput: Codable, Sendable {
        public var updateDate: Date?
    }
}

struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
