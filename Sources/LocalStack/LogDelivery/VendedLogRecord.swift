import AWSClient
import AWSServices
import Foundation

/// One execution history event in the shape Step Functions writes to a vended log group:
/// `{"id","type","details","previous_event_id","event_timestamp","execution_arn","redrive_count"}`,
/// every scalar a string, as in the Step Functions developer guide ("Log levels").
public enum VendedLogRecord {
    /// CloudWatch Logs takes at most 256 KB per event; Step Functions truncates payloads to fit.
    public static let maxPayloadBytes = 248 * 1024

    static let terminalTypes: Set<String> = [
        "ExecutionSucceeded", "ExecutionFailed", "ExecutionTimedOut", "ExecutionAborted",
    ]

    public static func isTerminal(_ type: String) -> Bool { terminalTypes.contains(type) }

    /// Whether a machine logging at `level` writes events of `type`.
    public static func isLogged(type: String, level: String) -> Bool {
        switch level.uppercased() {
        case "ALL": return true
        case "ERROR":
            return type.hasSuffix("Failed") || type.hasSuffix("TimedOut") || type.hasSuffix("Aborted")
                || type == "FailStateEntered" || type.hasSuffix("StartFailed") || type.hasSuffix("SubmitFailed")
        case "FATAL": return ["ExecutionFailed", "ExecutionTimedOut", "ExecutionAborted"].contains(type)
        default: return false
        }
    }

    public static func make(
        event: StepFunctions.HistoryEvent, executionArn: String, includeExecutionData: Bool, redriveCount: Int = 0
    ) -> JSONValue {
        var details: [(String, JSONValue)] = event.details?.objectMembers ?? []
        let dataKeys: Set<String> = ["input", "output", "parameters", "inputDetails", "outputDetails"]
        if !includeExecutionData {
            details.removeAll { dataKeys.contains($0.0) }
        } else {
            details = truncatePayloads(details)
        }
        let timestamp = Int64((event.timestamp.timeIntervalSince1970 * 1000).rounded())
        return .object([
            ("id", .string(String(event.id))),
            ("type", .string(event.type)),
            ("details", .object(details)),
            ("previous_event_id", .string(String(event.previousEventId ?? 0))),
            ("event_timestamp", .string(String(timestamp))),
            ("execution_arn", .string(executionArn)),
            ("redrive_count", .string(String(redriveCount))),
        ])
    }

    /// Cuts oversized `input`/`output` and marks `inputDetails`/`outputDetails.truncated`.
    static func truncatePayloads(_ members: [(String, JSONValue)]) -> [(String, JSONValue)] {
        var result = members
        for field in ["input", "output"] {
            guard let index = result.firstIndex(where: { $0.0 == field }), case .string(let text) = result[index].1
            else { continue }
            let oversized = text.utf8.count > maxPayloadBytes
            if oversized {
                result[index].1 = .string(String(decoding: text.utf8.prefix(maxPayloadBytes), as: UTF8.self))
            }
            let detailsKey = field + "Details"
            if let detailsIndex = result.firstIndex(where: { $0.0 == detailsKey }) {
                var inner = result[detailsIndex].1.objectMembers ?? []
                inner.removeAll { $0.0 == "truncated" }
                inner.append(("truncated", .bool(oversized)))
                result[detailsIndex].1 = .object(inner)
            } else {
                result.insert((detailsKey, .object([("truncated", .bool(oversized))])), at: index + 1)
            }
        }
        return result
    }

    /// `states/<machine>/<yyyy-mm-dd-HH-MM>/<8 hex>`, the vended-log stream naming; keyed by the
    /// execution's start minute so one execution's events stay in one stream.
    public static func streamName(machine: String, executionStart: Date) -> String {
        var seconds = time_t(executionStart.timeIntervalSince1970)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let minute = String(
            format: "%04d-%02d-%02d-%02d-%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
            Int(parts.tm_hour),
            Int(parts.tm_min))
        var hash: UInt32 = 2_166_136_261
        for byte in (machine + "/" + minute).utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return "states/\(machine)/\(minute)/\(String(format: "%08x", hash))"
    }
}
