/// One binding: the keys, what they do in words, and the action they stand for.
public struct KeyBinding<Action: Sendable>: Sendable {
    public var keys: [Key]
    /// The help overlay's text ("open the order's execution").
    public var help: String
    /// The hint line's word ("execution"); nil keeps the binding out of the hint line.
    public var hint: String?
    public var action: Action
    /// It changes the stack (stop, re-run): hidden — no hint, no help, no effect — on a read-only one.
    public var mutates: Bool

    public init(_ keys: [Key], _ help: String, hint: String? = nil, mutates: Bool = false, _ action: Action) {
        self.keys = keys
        self.help = help
        self.hint = hint
        self.mutates = mutates
        self.action = action
    }

    /// The keys as the operator reads them: "⏎ →".
    public var label: String { keys.map(\.displayName).joined(separator: " ") }
}

/// A screen's keys, declared once (as k9s's `bindKeys`): the same table resolves a key press,
/// writes the hint line and writes the help overlay, so they cannot disagree.
public struct KeyTable<Action: Sendable>: Sendable {
    public var bindings: [KeyBinding<Action>]

    public init(_ bindings: [KeyBinding<Action>]) { self.bindings = bindings }

    /// The action bound to `key`, if any (the first binding wins); on a read-only stack, never
    /// one that changes it.
    public func action(for key: Key, readOnly: Bool = false) -> Action? {
        bindings.first { $0.keys.contains(key) && !(readOnly && $0.mutates) }?.action
    }

    /// The table as a read-only stack sees it.
    public func visible(readOnly: Bool) -> KeyTable {
        readOnly ? KeyTable(bindings.filter { !$0.mutates }) : self
    }

    /// "⏎ execution  l logs": the bindings that have a hint.
    public var hints: [String] { hints { _ in true } }

    /// The hints of the bindings whose action `applies` to what is selected now: no "stop" on a
    /// finished execution, no "drill" on a Task.
    public func hints(where applies: (Action) -> Bool) -> [String] {
        bindings.compactMap { binding in
            guard applies(binding.action) else { return nil }
            return binding.hint.map { "\(binding.label) \($0)" }
        }
    }

    /// Each binding as (keys, what they do), for the help overlay.
    public var helpEntries: [(keys: String, help: String)] { bindings.map { ($0.label, $0.help) } }

    /// Help entries as lines, the keys in a column of their own (one width for all entries, so
    /// several tables line up).
    public static func helpLines(_ entries: [(keys: String, help: String)]) -> [String] {
        let width = max(8, entries.map { DisplayWidth.of($0.keys) }.max() ?? 0)
        return entries.map { entry in
            entry.keys.isEmpty && entry.help.isEmpty
                ? "" : entry.keys + String(repeating: " ", count: width - DisplayWidth.of(entry.keys) + 2) + entry.help
        }
    }

    public var boundKeys: [Key] { bindings.flatMap(\.keys) }
}
