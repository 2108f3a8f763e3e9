import AWSClient

/// What a state changed in its document, leaf by leaf: fields added (`+`), changed (`~`) and
/// removed (`-`), each with its path (`payment.declineReason`). The Execution screen puts these
/// first, so the decisive field of a failed order is on screen without scrolling.
public enum JSONChanges {
    public enum Kind: String, Sendable {
        case added = "+"
        case changed = "~"
        case removed = "-"
    }

    public struct Change: Sendable, Equatable {
        public var kind: Kind
        public var path: String
        /// The new value (the old one for a removal), as compact JSON.
        public var value: String
        /// A changed leaf's value before, as compact JSON (nil for additions and removals).
        public var old: String? = nil
        /// "+ payment.declineReason: \"card declined\"".
        public var line: String { "\(kind.rawValue) \(path): \(value)" }
    }

    /// The leaves of `after` that differ from `before` (objects compared member by member, arrays
    /// element by element, anything else as a whole), in document order.
    public static func between(_ before: JSONValue?, _ after: JSONValue?) -> [Change] {
        var changes: [Change] = []
        walk(before, after, path: "", into: &changes)
        return changes
    }

    /// From texts; nothing when either is not JSON.
    public static func between(_ before: String?, _ after: String?) -> [Change] {
        guard let before, let after, let old = try? JSONValue.parse(before), let new = try? JSONValue.parse(after)
        else { return [] }
        return between(old, new)
    }

    /// `changes` with the ones the latest of `steps` made first — each step's own, its output
    /// against its input — so the field that decided the outcome, written by the last states
    /// before the one selected, is not pushed off the pane by what early states added (a caught
    /// gift-wrap error's long cause above a declined payment's reason, seen by a new operator).
    /// A document longer than `sizeLimit` is not read (a frame stays cheap); changes no step
    /// made keep document order, after the rest.
    public static func newestFirst(
        _ changes: [Change], madeBy steps: [(input: String?, output: String?)], sizeLimit: Int = 16_384
    ) -> [Change] {
        guard changes.count > 1, !steps.isEmpty else { return changes }
        var latest: [String: Int] = [:]
        for (index, step) in steps.enumerated() {
            guard (step.input?.utf8.count ?? 0) <= sizeLimit, (step.output?.utf8.count ?? 0) <= sizeLimit else {
                continue
            }
            for change in between(step.input, step.output) { latest[change.path] = index }
        }
        guard !latest.isEmpty else { return changes }
        return changes.enumerated().sorted { left, right in
            let (a, b) = (latest[left.element.path] ?? -1, latest[right.element.path] ?? -1)
            return a != b ? a > b : left.offset < right.offset
        }.map(\.element)
    }

    private static func walk(_ before: JSONValue?, _ after: JSONValue?, path: String, into changes: inout [Change]) {
        switch (before, after) {
        case (nil, nil): return
        case (nil, let new?): leaves(new, path: path, kind: .added, into: &changes)
        case (let old?, nil): leaves(old, path: path, kind: .removed, into: &changes)
        case (.object(let old)?, .object(let new)?):
            let oldByName = Dictionary(old, uniquingKeysWith: { first, _ in first })
            let newNames = Set(new.map(\.0))
            for (name, value) in new { walk(oldByName[name], value, path: join(path, name), into: &changes) }
            for (name, value) in old where !newNames.contains(name) {
                walk(value, nil, path: join(path, name), into: &changes)
            }
        case (.array(let old)?, .array(let new)?):
            for index in 0..<max(old.count, new.count) {
                walk(
                    index < old.count ? old[index] : nil, index < new.count ? new[index] : nil,
                    path: "\(path)[\(index)]",
                    into: &changes)
            }
        case (let old?, let new?):
            if old != new {
                changes.append(
                    Change(
                        kind: .changed, path: path.isEmpty ? "$" : path, value: new.description, old: old.description))
            }
        }
    }

    /// Every leaf of a value added or removed whole (an empty container is a leaf).
    private static func leaves(_ value: JSONValue, path: String, kind: Kind, into changes: inout [Change]) {
        switch value {
        case .object(let members) where !members.isEmpty:
            for (name, member) in members { leaves(member, path: join(path, name), kind: kind, into: &changes) }
        case .array(let elements) where !elements.isEmpty:
            for (index, element) in elements.enumerated() {
                leaves(element, path: "\(path)[\(index)]", kind: kind, into: &changes)
            }
        default:
            changes.append(Change(kind: kind, path: path.isEmpty ? "$" : path, value: value.description))
        }
    }

    private static func join(_ path: String, _ name: String) -> String { path.isEmpty ? name : path + "." + name }
}
