import AWSClient
import AWSServices
import Foundation
import OrderDeckCore

/// The JSON shapes the CLI prints with `--output json` (stable field names for scripts).
enum JSONOutput {
    static func string(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
    static func date(_ date: Date?) -> JSONValue { date.map { .string(Age.iso($0)) } ?? .null }

    static func execution(_ execution: Execution) -> JSONValue {
        .object([
            ("executionArn", .string(execution.arn.rawValue)), ("name", .string(execution.name)),
            ("stateMachine", .string(execution.machineName)),
            ("status", .string(execution.status.rawValue)), ("startDate", date(execution.startDate)),
            ("stopDate", date(execution.stopDate)),
            ("source", .string(execution.source.rawValue)), ("express", .bool(execution.isExpress)),
            ("partial", .bool(execution.isPartial)), ("truncated", .bool(execution.isTruncated)),
            ("error", string(execution.error)), ("cause", string(execution.cause)),
            ("redriveCount", number(execution.redrive.count)), ("redriveDate", date(execution.redrive.date)),
            ("redriveStatus", string(execution.redrive.status?.rawValue)),
            ("redriveStatusReason", string(execution.redrive.reason)),
            ("stateMachineVersionArn", string(execution.version?.rawValue)),
            ("stateMachineAliasArn", string(execution.alias?.rawValue)),
            ("version", execution.version.map { number($0.number) } ?? .null),
            ("alias", string(execution.alias?.name)),
        ])
    }

    static func event(_ event: ExecutionEvent) -> JSONValue {
        .object([
            ("id", .number(String(event.id))), ("previousEventId", .number(String(event.previousEventId))),
            ("type", .string(event.type)),
            ("timestamp", date(event.timestamp)), ("details", event.details),
        ])
    }

    static func step(_ step: Timeline.Step, mapRuns: [String: MapRunCounts] = [:]) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("name", .string(step.name)), ("kind", .string(step.kind.rawValue)),
            ("enteredEventId", number(step.enteredEventId)),
            ("entered", date(step.entered)),
            ("exited", date(step.exited)), ("durationMs", milliseconds(step.duration)),
            ("outcome", .string(step.outcome.rawValue)), ("attempts", number(step.attempts)),
            ("retries", number(step.retries)), ("failed", .bool(step.failed)), ("error", string(step.error)),
            ("cause", string(step.cause)), ("resource", string(step.resource)), ("input", string(step.input)),
            ("output", string(step.output)), ("run", number(step.run)),
        ]
        if let assigned = step.assigned {
            members.append(("assignedVariables", variables(assigned)))
        }
        if let location = step.errorLocation { members.append(("errorLocation", .string(location))) }
        if let summary = step.summary {
            members.append(
                (
                    "summary",
                    .object([
                        ("total", number(summary.total)), ("succeeded", number(summary.succeeded)),
                        ("failed", number(summary.failed)), ("aborted", number(summary.aborted)),
                        ("running", number(summary.running)),
                        ("slowestIndex", summary.slowest.map { number($0.index) } ?? .null),
                        ("slowestMs", milliseconds(summary.slowest?.duration)),
                    ])
                ))
        }
        if let run = step.mapRun {
            members.append(
                (
                    "mapRun",
                    .object([
                        ("mapRunArn", .string(run.arn)), ("outcome", .string(run.outcome.rawValue)),
                        ("error", string(run.error)), ("cause", string(run.cause)), ("redrives", number(run.redrives)),
                        ("itemCounts", mapRuns[run.arn].map(mapRunCounts) ?? .null),
                    ])
                ))
        }
        if step.hasChildren {
            members.append(("children", .array(step.children.map { group($0, mapRuns: mapRuns) })))
        }
        return .object(members)
    }

    /// A Map iteration or Parallel branch with its own states.
    static func group(_ group: Timeline.Group, mapRuns: [String: MapRunCounts] = [:]) -> JSONValue {
        .object([
            ("kind", .string(group.kind.rawValue)), ("index", number(group.index)), ("attempt", number(group.attempt)),
            ("started", date(group.started)), ("ended", date(group.ended)),
            ("durationMs", milliseconds(group.duration)),
            ("outcome", .string(group.outcome.rawValue)),
            ("steps", .array(group.steps.map { step($0, mapRuns: mapRuns) })),
        ])
    }

    static func mapRunCounts(_ counts: MapRunCounts) -> JSONValue {
        .object([
            ("status", .string(counts.status)), ("total", number(counts.total)),
            ("succeeded", number(counts.succeeded)), ("failed", number(counts.failed)),
            ("timedOut", number(counts.timedOut)), ("aborted", number(counts.aborted)),
            ("running", number(counts.running)), ("pending", number(counts.pending)),
        ])
    }

    static func failure(_ failure: Timeline.Failure) -> JSONValue {
        .object([
            ("state", string(failure.state)), ("path", .array(failure.path.map(JSONValue.string))),
            ("error", string(failure.error)), ("cause", string(failure.cause)), ("location", string(failure.location)),
        ])
    }

    /// A state's assigned variables: each value as the JSON it is (its text when it is not JSON),
    /// and whether Step Functions cut them.
    static func variables(_ assigned: AssignedVariables) -> JSONValue {
        .object([
            (
                "values",
                .object(
                    assigned.names.map { name in
                        let text = assigned.values[name] ?? ""
                        return (name, (try? JSONValue.parse(text)) ?? .string(text))
                    })
            ),
            ("truncated", .bool(assigned.truncated)),
        ])
    }

    static func drilled(_ target: TimelinePath.Target) -> JSONValue {
        switch target {
        case .groups(let parent):
            return .object([("state", .string(parent.name)), ("groups", .array(parent.children.map { group($0) }))])
        case .group(let parent, let one): return .object([("state", .string(parent.name)), ("group", group(one))])
        }
    }

    static func number(_ value: Int) -> JSONValue { .number(String(value)) }
    static func milliseconds(_ interval: TimeInterval?) -> JSONValue {
        interval.map { .number(String(Int(($0 * 1000).rounded()))) } ?? .null
    }

    static func tailed(_ event: TailedEvent) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("timestamp", .number(String(event.timestamp))), ("logGroup", .string(event.group)),
            ("logStream", .string(event.stream)),
            ("eventId", .string(event.eventId)),
        ]
        if let record = event.record {
            members.append(("executionArn", .string(record.executionArn)))
            members.append(("type", .string(record.event.type)))
            members.append(("id", .number(String(record.event.id))))
        }
        members.append(("message", (try? JSONValue.parse(event.message)) ?? .string(event.message)))
        return .object(members)
    }

    static func submission(_ submission: Submission) -> JSONValue {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        guard let encoded = (try? encoder.encode(submission)).flatMap({ try? JSONValue.parse(Array($0)) }),
            case .object(var members) = encoded
        else { return .null }
        // A re-send is labelled as one (the same order id sent again), not left to be inferred.
        members.append(("resends", number(submission.resends)))
        members.append(("isResend", .bool(submission.resends > 0)))
        // The door always said: records from before the choice went through the API.
        members.removeAll { $0.0 == "via" }
        members.append(("via", .string(submission.door.rawValue)))
        return .object(members)
    }
}
