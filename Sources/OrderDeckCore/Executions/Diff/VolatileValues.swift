import AWSClient
import Foundation

/// Values that differ between any two runs of the same work — ids and times — told apart from
/// real differences: both sides ISO-8601 timestamps, both ARNs, both UUIDs, or texts equal once
/// every timestamp, ARN and UUID in them (an execution's name or ARN in a message) is blanked.
/// `strict` makes none volatile.
struct VolatileValues: Sendable {
    var strict: Bool
    /// Execution names (or ARNs), longest first, blanked like ARNs.
    var names: [String]

    init(strict: Bool, names: [String] = []) {
        self.strict = strict
        // An ARN's last part is the name: blank both, the longer first.
        let all = names.flatMap { [$0, String($0.split(separator: ":").last ?? "")] }.filter { $0.count >= 4 }
        self.names = Array(Set(all)).sorted { $0.count > $1.count }
    }

    /// A changed leaf counts as volatile only when both sides have it.
    func changes(_ a: String?, _ b: String?) -> [ExecutionDiff.FieldChange] {
        JSONChanges.between(a, b).map { change in
            let volatile = change.kind == .changed && same(change.old, change.value, asJSON: true)
            return ExecutionDiff.FieldChange(change, volatile: volatile && !strict)
        }
    }

    /// Equal, or both ids or times.
    func same(_ a: String?, _ b: String?, asJSON: Bool = false) -> Bool {
        if a == b { return true }
        guard !strict, var a, var b else { return false }
        if asJSON {
            guard case .string(let x)? = try? JSONValue.parse(a), case .string(let y)? = try? JSONValue.parse(b)
            else { return false }
            (a, b) = (x, y)
        }
        return isVolatile(a, b)
    }

    /// Texts (errors' causes, often JSON themselves): equal apart from ids and times.
    func sameText(_ a: String?, _ b: String?) -> Bool {
        if a == b { return true }
        guard !strict, let a, let b else { return false }
        if let x = try? JSONValue.parse(a), let y = try? JSONValue.parse(b), x.objectMembers != nil {
            return JSONChanges.between(x, y).allSatisfy { change in
                change.kind == .changed && same(change.old, change.value, asJSON: true)
            }
        }
        return isVolatile(a, b)
    }

    func isVolatile(_ a: String, _ b: String) -> Bool {
        if Self.isVolatile(a, b) { return true }
        guard !names.isEmpty else { return false }
        let (x, y) = (withoutNames(a), withoutNames(b))
        return (x != a || y != b) && (x == y || Self.isVolatile(x, y))
    }

    func withoutNames(_ text: String) -> String {
        names.reduce(text) { $0.replacingOccurrences(of: $1, with: "<name>") }
    }

    static func isVolatile(_ a: String, _ b: String) -> Bool {
        if isTimestamp(a) && isTimestamp(b) { return true }
        if isARN(a) && isARN(b) { return true }
        if UUID(uuidString: a) != nil && UUID(uuidString: b) != nil { return true }
        let (x, y) = (blanked(a), blanked(b))
        return x != a && x == y
    }

    static func isARN(_ text: String) -> Bool { text.hasPrefix("arn:") && text.split(separator: ":").count >= 6 }

    static func isTimestamp(_ text: String) -> Bool {
        // `2026-12-03T21:53:56Z`, with fractions or an offset; a bare date is not a time.
        text.count >= 19 && text.count <= 40 && text.dropFirst(10).first == "T" && ISO8601.parse(text) != nil
    }

    /// The text with every ARN, UUID and ISO-8601 timestamp in it replaced by a placeholder.
    static func blanked(_ text: String) -> String {
        var out = text
        for (pattern, placeholder) in patterns {
            out = out.replacingOccurrences(of: pattern, with: placeholder, options: .regularExpression)
        }
        return out
    }

    private static let patterns: [(String, String)] = [
        (#"arn:[A-Za-z0-9-]+:[A-Za-z0-9-]+:[A-Za-z0-9-]*:[0-9]*:[^\s"',;)}\]]+"#, "<arn>"),
        (#"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"#, "<uuid>"),
        (#"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:?[0-9]{2})?"#, "<time>"),
    ]
}
