import AWSClient
import AWSServices
import Foundation
import OrderDeckCore

/// The JSON shapes the CLI prints with `--output json` (stable field names for scripts).
enum JSONOutput {
    static func string(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
    static func date(_ date: Date?) -> JSONValue { date.map { .string(Age.iso($0)) } ?? .null }

    static func order(_ order: Order) -> JSONValue {
        // DynamoDB JSON, keys sorted: the same item prints the same bytes every run.
        let attributes = typed(order.attributes)
        return .object([
            ("id", .string(order.id)), ("user_id", .string(order.userId)), ("status", .string(order.status)),
            ("createdAt", date(order.createdAt)), ("updatedAt", date(order.updatedAt)),
            ("amount", order.amount.map { AttributeValueNumber.json($0) } ?? .null),
            ("currency", string(order.currency)),
            ("executionArn", string(order.executionArn)), ("attributes", attributes),
        ])
    }

    /// An item in DynamoDB's own JSON (`{"S": …}`, `{"N": "…"}`), built directly (no encoder
    /// round trip: that was most of `orders --output json`'s time on big tables).
    static func typed(_ item: DynamoItem) -> JSONValue {
        .object(item.keys.sorted().map { ($0, typed(item[$0]!)) })
    }

    static func typed(_ value: AttributeValue) -> JSONValue {
        switch value {
        case .s(let text): return .object([("S", .string(text))])
        case .n(let text): return .object([("N", .string(text))])
        case .b(let bytes): return .object([("B", .string(Data(bytes).base64EncodedString()))])
        case .bool(let flag): return .object([("BOOL", .bool(flag))])
        case .null: return .object([("NULL", .bool(true))])
        case .m(let map): return .object([("M", typed(map))])
        case .l(let list): return .object([("L", .array(list.map(typed)))])
        case .ss(let texts): return .object([("SS", .array(texts.map(JSONValue.string)))])
        case .ns(let numbers): return .object([("NS", .array(numbers.map(JSONValue.string)))])
        case .bs(let blobs): return .object([("BS", .array(blobs.map { .string(Data($0).base64EncodedString()) }))])
        }
    }

    static func execution(_ execution: Execution) -> JSONValue {
        .object([
            ("executionArn", .string(execution.arn)), ("name", .string(execution.name)),
            ("stateMachine", .string(execution.machineName)),
            ("status", .string(execution.status.rawValue)), ("startDate", date(execution.startDate)),
            ("stopDate", date(execution.stopDate)),
            ("source", .string(execution.source.rawValue)), ("express", .bool(execution.isExpress)),
            ("partial", .bool(execution.isPartial)), ("truncated", .bool(execution.isTruncated)),
            ("error", string(execution.error)), ("cause", string(execution.cause)),
        ])
    }

    static func event(_ event: ExecutionEvent) -> JSONValue {
        .object([
            ("id", .number(String(event.id))), ("previousEventId", .number(String(event.previousEventId))),
            ("type", .string(event.type)),
            ("timestamp", date(event.timestamp)), ("details", event.details),
        ])
    }

    static func step(_ step: Timeline.Step) -> JSONValue {
        .object([
            ("name", .string(step.name)), ("kind", .string(step.kind)), ("entered", date(step.entered)),
            ("exited", date(step.exited)),
            ("durationMs", step.duration.map { .number(String(Int($0 * 1000))) } ?? .null),
            ("retries", .number(String(step.retries))),
            ("failed", .bool(step.failed)), ("error", string(step.error)), ("cause", string(step.cause)),
            ("input", string(step.input)), ("output", string(step.output)),
        ])
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
        return (try? encoder.encode(submission)).flatMap { try? JSONValue.parse(Array($0)) } ?? .null
    }
}

/// A DynamoDB number as a JSON number when it is one (exact text kept), else a string.
enum AttributeValueNumber {
    static func json(_ text: String) -> JSONValue {
        (try? JSONValue.parse(text)).flatMap { if case .number = $0 { return $0 } else { return nil } } ?? .string(text)
    }
}
