import AWSClient
import Foundation

/// `orderdeck diff --output json` (and the replay's): stable field names for scripts.
extension ExecutionDiff {
    public var json: JSONValue {
        .object([
            ("same", .bool(isSame)), ("summary", .string(summary)), ("strict", .bool(options.strict)),
            ("statusA", Self.string(a.status?.rawValue)), ("statusB", Self.string(b.status?.rawValue)),
            ("divergence", divergence.map(Self.json) ?? .null),
            ("divergences", .array(divergences.map(Self.json))),
            ("volatileFields", .array(volatileFields.map(JSONValue.string))),
            ("rows", .array(rows.map(Self.json))),
        ])
    }

    static func json(_ divergence: Divergence) -> JSONValue {
        .object([
            ("path", .array(divergence.path.map(JSONValue.string))), ("after", string(divergence.after)),
            ("a", string(divergence.a)), ("b", string(divergence.b)), ("text", .string(divergence.text)),
        ])
    }

    static func json(_ row: Row) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("name", .string(row.name)), ("kind", .string(row.kind.rawValue)), ("parts", .bool(row.parts)),
            ("differs", .bool(row.differs)),
            ("differsHere", .bool(row.differsHere)), ("a", row.a.map(json) ?? .null), ("b", row.b.map(json) ?? .null),
            ("inputChanges", .array(row.inputChanges.map(json))),
            ("outputChanges", .array(row.outputChanges.map(json))),
        ]
        if !row.groups.isEmpty { members.append(("groups", .array(row.groups.map(json)))) }
        return .object(members)
    }

    static func json(_ step: Timeline.Step) -> JSONValue {
        .object([
            ("name", .string(step.name)), ("kind", .string(step.kind.rawValue)),
            ("enteredEventId", .number(String(step.enteredEventId))), ("outcome", .string(step.outcome.rawValue)),
            ("error", string(step.error)), ("cause", string(step.cause)),
            ("durationMs", step.duration.map { .number(String(Int(($0 * 1000).rounded()))) } ?? .null),
            ("retries", .number(String(step.retries))),
        ])
    }

    static func json(_ change: FieldChange) -> JSONValue {
        .object([
            ("kind", .string(change.kind.rawValue)), ("path", .string(change.path)), ("a", string(change.a)),
            ("b", string(change.b)), ("volatile", .bool(change.volatile)),
        ])
    }

    static func json(_ group: GroupDiff) -> JSONValue {
        .object([
            ("kind", .string(group.kind.rawValue)), ("index", .number(String(group.index))),
            ("attempt", .number(String(group.attempt))), ("firstState", string(group.firstState)),
            ("label", .string(group.label)),
            ("outcomeA", string(group.a?.outcome.rawValue)), ("outcomeB", string(group.b?.outcome.rawValue)),
            ("rows", .array(group.rows.map(json))),
        ])
    }

    private static func string(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
}
