import AWSClient
import Foundation

/// Two executions side by side: the states each entered, aligned so paths that part and rejoin
/// line up, where they part, and per state what differs — outcome, error and cause, retries,
/// input and output field by field. A replay is judged against its original with this ("same path
/// and outputs"), and `orderdeck diff` shows any two executions with it.
///
/// Ids and times (timestamps, ARNs, UUIDs, execution names) differ between any two runs: unless
/// `Options.strict`, such values are marked `volatile` and do not make the executions differ.
public struct ExecutionDiff: Sendable {
    public struct Options: Sendable, Hashable {
        /// Count ids and times as differences too.
        public var strict: Bool
        /// The two executions' names (or ARNs): a value that differs only in these is volatile
        /// too (a name an operator gave, which no pattern recognises).
        public var executionNames: [String]

        public init(strict: Bool = false, executionNames: [String] = []) {
            self.strict = strict
            self.executionNames = executionNames
        }
    }

    public var a: Timeline
    public var b: Timeline
    public var options: Options
    /// The top-level states, aligned.
    public var rows: [Row]
    /// Every place the paths part, the decisive one first, the rest in path order.
    public var divergences: [Divergence]
    /// The decisive place where the paths part — the shallowest place where one side went to
    /// another state, so a run that failed is told by the Choice or catch that sent it elsewhere
    /// before by how many items its Map ran; nil when the paths never part.
    public var divergence: Divergence? { divergences.first }

    public init(_ a: Timeline, _ b: Timeline, options: Options = Options()) {
        self.a = a
        self.b = b
        self.options = options
        let values = VolatileValues(strict: options.strict, names: options.executionNames)
        rows = Self.align(a.steps, b.steps, values: values)
        divergences = Self.decisiveFirst(Self.divergences(in: rows, path: []))
    }

    /// Same path, same outcomes, errors, retries and outputs, apart from volatile values.
    public var isSame: Bool {
        divergence == nil && !Self.walk(rows).contains { $0.differs } && a.status == b.status
    }

    /// Distinct field paths whose values differ only as ids and times (empty when `strict`).
    public var volatileFields: [String] {
        var seen: Set<String> = []
        var result: [String] = []
        for row in Self.walk(rows) {
            for change in row.inputChanges + row.outputChanges where change.volatile {
                if seen.insert(change.path).inserted { result.append(change.path) }
            }
        }
        return result
    }

    /// One line: "same path and outputs (3 id/time fields differ)", "paths part after
    /// ProcessPayment: A went to CancelFailedOrder, B to CompleteOrder", "same path; outputs
    /// differ at ProcessPayment: payment.status". Where the paths part in several places, the
    /// decisive one leads and the next follows: "…; also in ReserveStock: only B ran iteration 1".
    public var summary: String {
        if let divergence {
            guard let next = divergences.dropFirst().first else { return divergence.text }
            let more = divergences.count > 2 ? " (+\(divergences.count - 2) more)" : ""
            return divergence.text + "; also" + next.place + more
        }
        let all = Self.walk(rows)
        if let row = all.first(where: { $0.outcomeDiffers }) {
            return "same path; \(row.name) ended differently: A \(row.resultA), B \(row.resultB)"
        }
        if let row = all.first(where: { !$0.introducedChanges.isEmpty })
            ?? all.first(where: { $0.outputChanges.contains { !$0.volatile } })
        {
            let changes =
                row.introducedChanges.isEmpty ? row.outputChanges.filter { !$0.volatile } : row.introducedChanges
            return "same path; outputs differ at \(row.name): " + Self.fieldList(changes.map(\.path))
        }
        if let row = all.first(where: { $0.retriesDiffer }) {
            return "same path; retries differ at \(row.name): A \(row.a?.retries ?? 0), B \(row.b?.retries ?? 0)"
        }
        if a.status != b.status {
            return "same path; A \(a.status?.rawValue ?? "?"), B \(b.status?.rawValue ?? "?")"
        }
        var text = "same path and outputs"
        if let row = all.first(where: { $0.inputChanges.contains { !$0.volatile } }) {
            text +=
                "; inputs differ at \(row.name): "
                + Self.fieldList(row.inputChanges.filter { !$0.volatile }.map(\.path))
        }
        let volatile = volatileFields.count
        if volatile > 0 { text += " (\(volatile) id/time field\(volatile == 1 ? "" : "s") differ)" }
        return text
    }

    /// Every row at every depth, depth first (a container's groups right after it).
    public var allRows: [Row] { Self.walk(rows) }

    static func walk(_ rows: [Row]) -> [Row] {
        var result: [Row] = []
        for row in rows {
            result.append(row)
            for group in row.groups { result += walk(group.rows) }
        }
        return result
    }

    static func fieldList(_ paths: [String]) -> String {
        var unique: [String] = []
        for path in paths where !unique.contains(path) { unique.append(path) }
        let shown = unique.prefix(3).joined(separator: ", ")
        return unique.count > 3 ? shown + " (+\(unique.count - 3) more)" : shown
    }

    /// Depth first, in path order: where a run of rows that part begins, an iteration or branch
    /// only one side ran, and inside each matched container the places its groups part.
    static func divergences(in rows: [Row], path: [String]) -> [Divergence] {
        var found: [Divergence] = []
        var after: String?
        var parted = false
        for row in rows {
            if row.parts {
                if !parted { found.append(Divergence(path: path, after: after, a: row.nameA, b: row.nameB)) }
                parted = true
                continue
            }
            parted = false
            for group in row.groups {
                if group.a == nil || group.b == nil {
                    found.append(
                        Divergence(
                            path: path + [row.name], after: nil, a: group.a.map { _ in group.label },
                            b: group.b.map { _ in group.label }, isGroup: true))
                } else {
                    found += divergences(in: group.rows, path: path + [row.name, group.label])
                }
            }
            after = row.name
        }
        return found
    }

    /// The decisive place first: where one side went to another state (before an iteration or
    /// branch only one side ran — a Map given more items), the shallowest first, then in path
    /// order; the rest keep their order.
    static func decisiveFirst(_ divergences: [Divergence]) -> [Divergence] {
        let rank = { (divergence: Divergence) in (divergence.isGroup ? 1 : 0, divergence.path.count) }
        guard
            let decisive = divergences.indices.min(by: { rank(divergences[$0]) < rank(divergences[$1]) })
        else { return [] }
        var rest = divergences
        let first = rest.remove(at: decisive)
        return [first] + rest
    }
}

extension ExecutionDiff {
    /// Where two paths part: after which state (nil at the start), and where each went (nil: it
    /// went nowhere — ended, or is still running there).
    public struct Divergence: Sendable, Hashable {
        /// The containers it is in: `["ProcessItems", "iteration 2"]`; empty at the top level.
        public var path: [String]
        /// The last state both entered before they parted, at this level.
        public var after: String?
        public var a: String?
        public var b: String?
        /// An iteration or branch only one side ran (`a` or `b` is its label).
        public var isGroup = false

        /// "paths part after ProcessPayment: A went to CancelFailedOrder, B to CompleteOrder",
        /// "paths part in ReserveStock: only A ran iteration 2".
        public var text: String { "paths part" + place }

        /// The text after "paths part": " after ProcessPayment: A went to …", " in ReserveStock:
        /// only A ran iteration 2".
        public var place: String {
            let container = path.isEmpty ? "" : " in " + path.joined(separator: " › ")
            if isGroup { return "\(container): " + (a.map { "only A ran \($0)" } ?? "only B ran \(b ?? "?")") }
            let point = after.map { " after \($0)" } ?? " at the start"
            let sideA = a.map { "A went to \($0)" } ?? "A went no further"
            let sideB = b.map { (a == nil ? "B went to " : "B to ") + $0 } ?? "B went no further"
            return "\(container)\(point): \(sideA), \(sideB)"
        }
    }

    /// One changed leaf of a state's input or output, A's value against B's.
    public struct FieldChange: Sendable, Hashable {
        /// `+` only B has it, `-` only A has it, `~` both, different.
        public var kind: JSONChanges.Kind
        public var path: String
        /// A's value as compact JSON (nil when only B has it).
        public var a: String?
        /// B's value as compact JSON (nil when only A has it).
        public var b: String?
        /// An id or a time: does not make the executions differ (never when `strict`).
        public var volatile: Bool

        init(_ change: JSONChanges.Change, volatile: Bool) {
            kind = change.kind
            path = change.path
            switch change.kind {
            case .added: (a, b) = (nil, change.value)
            case .removed: (a, b) = (change.value, nil)
            case .changed: (a, b) = (change.old, change.value)
            }
            self.volatile = volatile
        }

        /// `~ payment.status: "DECLINED" → "APPROVED"`, `+ note: "x"`, `- note: "x"`.
        public var line: String {
            switch kind {
            case .added: return "+ \(path): \(b ?? "")"
            case .removed: return "- \(path): \(a ?? "")"
            case .changed: return "~ \(path): \(a ?? "") → \(b ?? "")"
            }
        }
    }

    /// One aligned state: entered by both (the same name and kind), or at a place where the paths
    /// part, by one — or by both under different names, side by side.
    public struct Row: Sendable {
        public var a: Timeline.Step?
        public var b: Timeline.Step?
        /// Differences in what the state was given and what it left with (both sides ran it).
        public var inputChanges: [FieldChange]
        public var outputChanges: [FieldChange]
        /// Map iterations (by attempt and index) or Parallel branches (by attempt and first state).
        public var groups: [GroupDiff]
        /// Error or cause differ, apart from ids and times.
        var causeDiffers: Bool

        public var nameA: String? { a?.name }
        public var nameB: String? { b?.name }
        /// The state's name, or "A's / B's" where the paths part.
        public var name: String {
            switch (nameA, nameB) {
            case (let x?, let y?) where x == y: return x
            case (let x?, let y?): return "\(x) / \(y)"
            case (let x?, nil): return x
            case (nil, let y?): return y
            case (nil, nil): return "?"
            }
        }
        public var kind: StateKind { a?.kind ?? b?.kind ?? .other("?") }
        /// Only one ran it, or they ran different states here.
        public var parts: Bool { a == nil || b == nil || a?.name != b?.name || a?.kind != b?.kind }
        public var outcomeDiffers: Bool { !parts && (a?.outcome != b?.outcome || causeDiffers) }
        public var retriesDiffer: Bool { !parts && a?.retries != b?.retries }
        /// The output differences this state made: those its input did not already carry.
        public var introducedChanges: [FieldChange] {
            let carried = Set(inputChanges)
            return outputChanges.filter { !$0.volatile && !carried.contains($0) }
        }
        /// Anything apart from volatile values and inputs: the executions are not the same here.
        public var differs: Bool {
            parts || outcomeDiffers || retriesDiffer || outputChanges.contains { !$0.volatile }
                || groups.contains { $0.a == nil || $0.b == nil }
        }
        /// What this state did differs — not only what it was given and passed on: the `≠` mark.
        public var differsHere: Bool {
            parts || outcomeDiffers || retriesDiffer || !introducedChanges.isEmpty
                || groups.contains { $0.a == nil || $0.b == nil }
        }
        public var resultA: String { a.map { $0.outcome.text(error: $0.error) } ?? "—" }
        public var resultB: String { b.map { $0.outcome.text(error: $0.error) } ?? "—" }
    }

    /// One Map iteration or Parallel branch of a state both ran, A's against B's.
    public struct GroupDiff: Sendable {
        public var kind: Timeline.Group.Kind
        /// Map: the item's index. Parallel: the branch's position among those compared, by first
        /// state — or, when first states repeat, its index in the timeline.
        public var index: Int
        public var attempt: Int
        /// The state a Parallel branch began with, by which A's and B's were paired (nil: paired
        /// by index).
        public var firstState: String?
        public var a: Timeline.Group?
        public var b: Timeline.Group?
        public var rows: [Row]

        /// "iteration 3", "branch RecordAudit", "branch 1 (attempt 2)" (branches paired by index).
        public var label: String {
            guard let firstState else { return Timeline.Group.label(kind, index: index, attempt: attempt) }
            return "\(kind.rawValue) \(firstState)" + (attempt > 1 ? " (attempt \(attempt))" : "")
        }
    }
}
