import Foundation

extension ExecutionDiff {
    /// The states each entered, in order, lined up by name and kind with a longest common
    /// subsequence: paths that part and rejoin line up again, a state entered twice (a loop) pairs
    /// in order. Between two common states, what only one side ran is set side by side.
    static func align(_ a: [Timeline.Step], _ b: [Timeline.Step], values: VolatileValues) -> [Row] {
        let pairs = commonSubsequence(a.map(Key.init), b.map(Key.init))
        var rows: [Row] = []
        var (i, j) = (0, 0)
        for (nextA, nextB) in pairs + [(a.count, b.count)] {
            let onlyA = a[i..<nextA]
            let onlyB = b[j..<nextB]
            for offset in 0..<max(onlyA.count, onlyB.count) {
                rows.append(
                    Row(
                        a: offset < onlyA.count ? onlyA[onlyA.startIndex + offset] : nil,
                        b: offset < onlyB.count ? onlyB[onlyB.startIndex + offset] : nil,
                        inputChanges: [], outputChanges: [], groups: [], causeDiffers: false))
            }
            if nextA < a.count, nextB < b.count { rows.append(matched(a[nextA], b[nextB], values: values)) }
            (i, j) = (nextA + 1, nextB + 1)
        }
        return rows
    }

    /// What identifies a state on the path.
    struct Key: Hashable {
        var name: String
        var kind: StateKind
        init(_ step: Timeline.Step) { (name, kind) = (step.name, step.kind) }
    }

    static func matched(_ a: Timeline.Step, _ b: Timeline.Step, values: VolatileValues) -> Row {
        let inputs = values.changes(a.input, b.input)
        let outputs = values.changes(a.output, b.output)
        let causeDiffers = !values.same(a.error, b.error) || !values.sameText(a.cause, b.cause)
        return Row(
            a: a, b: b, inputChanges: inputs, outputChanges: outputs, groups: groups(a, b, values: values),
            causeDiffers: causeDiffers)
    }

    /// Map iterations by attempt and index; Parallel branches by attempt and first state — the
    /// timeline numbers branches in the order they began, a race two runs need not agree on. An
    /// attempt whose branches do not each start at a state of their own (one repeats, or has not
    /// entered a state yet) falls back to the index. Each pair's states aligned in turn.
    static func groups(_ a: Timeline.Step, _ b: Timeline.Step, values: VolatileValues) -> [GroupDiff] {
        guard !a.children.isEmpty || !b.children.isEmpty else { return [] }
        let byFirstState = branchAttemptsByFirstState(a.children, b.children)
        func place(_ group: Timeline.Group) -> Place {
            guard group.kind == .branch, byFirstState.contains(group.attempt), let first = group.steps.first?.name
            else { return Place(attempt: group.attempt, slot: .index(group.index)) }
            return Place(attempt: group.attempt, slot: .firstState(first))
        }
        let byPlaceA = Dictionary(a.children.map { (place($0), $0) }) { x, _ in x }
        let byPlaceB = Dictionary(b.children.map { (place($0), $0) }) { x, _ in x }
        let places = Set(byPlaceA.keys).union(byPlaceB.keys).sorted()
        var position: [Int: Int] = [:]
        return places.map { place in
            let (groupA, groupB) = (byPlaceA[place], byPlaceB[place])
            let kind = groupA?.kind ?? groupB?.kind ?? .iteration
            var index = groupA?.index ?? groupB?.index ?? 0
            var firstState: String?
            if case .firstState(let name) = place.slot {
                // Numbered in the order shown (by first state), the same in both runs.
                index = position[place.attempt, default: 0]
                position[place.attempt] = index + 1
                firstState = name
            }
            return GroupDiff(
                kind: kind, index: index, attempt: place.attempt, firstState: firstState, a: groupA, b: groupB,
                rows: align(groupA?.steps ?? [], groupB?.steps ?? [], values: values))
        }
    }

    /// Where a group sits among its parent's: the attempt, then its index or its branch's first state.
    struct Place: Hashable, Comparable {
        enum Slot: Hashable, Comparable {
            case index(Int)
            case firstState(String)
        }
        var attempt: Int
        var slot: Slot
        static func < (l: Place, r: Place) -> Bool { (l.attempt, l.slot) < (r.attempt, r.slot) }
    }

    /// The attempts whose branches, on both sides, each begin with a state no other branch of
    /// that attempt begins with: those align by first state.
    static func branchAttemptsByFirstState(_ a: [Timeline.Group], _ b: [Timeline.Group]) -> Set<Int> {
        let branches = (a + b).filter { $0.kind == .branch }
        var attempts = Set(branches.map(\.attempt))
        for side in [a, b] {
            var seen: [Int: Set<String>] = [:]
            for group in side where group.kind == .branch {
                let unique = group.steps.first.map { seen[group.attempt, default: []].insert($0.name).inserted }
                if unique != true { attempts.remove(group.attempt) }
            }
        }
        return attempts
    }

    /// Index pairs of a longest common subsequence, in order. Histories are hundreds of states at
    /// most; past a size where the table would be large, the common prefix and suffix are matched
    /// and the middle greedily.
    static func commonSubsequence<T: Hashable>(_ a: [T], _ b: [T]) -> [(Int, Int)] {
        let n = a.count
        let m = b.count
        guard n > 0, m > 0 else { return [] }
        guard n * m <= 4_000_000 else { return greedy(a, b) }
        // lengths[i][j]: LCS length of a[i...] and b[j...].
        var lengths = [[Int32]](repeating: [Int32](repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                lengths[i][j] = a[i] == b[j] ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
            }
        }
        var pairs: [(Int, Int)] = []
        var (i, j) = (0, 0)
        while i < n, j < m {
            if a[i] == b[j] {
                pairs.append((i, j))
                i += 1
                j += 1
            } else if lengths[i + 1][j] >= lengths[i][j + 1] {
                i += 1
            } else {
                j += 1
            }
        }
        return pairs
    }

    /// In order, each of `a` with the next equal one of `b`: for very long histories only.
    static func greedy<T: Hashable>(_ a: [T], _ b: [T]) -> [(Int, Int)] {
        var pairs: [(Int, Int)] = []
        var j = 0
        for (i, item) in a.enumerated() {
            guard let found = b[j...].firstIndex(of: item) else { continue }
            pairs.append((i, found))
            j = found + 1
            if j == b.count { break }
        }
        return pairs
    }
}
