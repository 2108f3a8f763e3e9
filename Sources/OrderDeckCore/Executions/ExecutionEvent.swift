import AWSClient
import AWSServices
import Foundation

/// One execution history event, whether it came from GetExecutionHistory (Standard) or from a
/// vended log record (Express, or any machine's logs): one timeline model for both.
public struct ExecutionEvent: Sendable, Hashable {
    public var id: Int
    public var previousEventId: Int
    public var type: String
    public var timestamp: Date
    /// The type-specific details (`name`, `input`, `output`, `error`, `cause`, …).
    public var details: JSONValue

    public init(id: Int, previousEventId: Int, type: String, timestamp: Date, details: JSONValue) {
        self.id = id
        self.previousEventId = previousEventId
        self.type = type
        self.timestamp = timestamp
        self.details = details
    }

    public init(_ event: StepFunctions.HistoryEvent) {
        self.init(
            id: event.id, previousEventId: event.previousEventId ?? 0, type: event.type, timestamp: event.timestamp,
            details: event.details ?? .object([]))
    }

    public var stateName: String? { details["name"]?.stringValue }
    public var input: String? { details["input"]?.stringValue }
    public var output: String? { details["output"]?.stringValue }
    public var error: String? { details["error"]?.stringValue }
    public var cause: String? { details["cause"]?.stringValue }
    public var isTruncated: Bool {
        details["inputDetails"]?["truncated"] == .bool(true) || details["outputDetails"]?["truncated"] == .bool(true)
    }

    /// The execution's final status when this event ends it.
    public var terminalStatus: ExecutionStatus? {
        switch type {
        case "ExecutionSucceeded": return .succeeded
        case "ExecutionFailed": return .failed
        case "ExecutionTimedOut": return .timedOut
        case "ExecutionAborted": return .aborted
        default: return nil
        }
    }
}
