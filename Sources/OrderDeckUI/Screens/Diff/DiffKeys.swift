import OrderDeckCore
import TerminalUI

enum DiffAction: Sendable {
    case strict, copy
}

enum DiffKeys {
    static let table = KeyTable<DiffAction>([
        .init([.character("s")], "count ids and times as differences too (strict), or not", hint: "strict", .strict),
        .init([.character("y")], "copy the summary line", .copy),
    ])
}

extension DashboardState {
    mutating func handleDiff(_ key: Key) -> [Effect] {
        let page = max(1, DiffView.bodyRows(self))
        let last = max(0, DiffView.lines(self).count - page)
        switch key {
        case .up, .character("k"): diff.scroll -= 1
        case .down, .character("j"): diff.scroll += 1
        case .pageUp, .control("b"): diff.scroll -= page
        case .pageDown, .control("f"): diff.scroll += page
        case .home, .character("g"): diff.scroll = 0
        case .end, .character("G"): diff.scroll = last
        default:
            guard let action = DiffKeys.table.action(for: key, readOnly: stack.readOnly) else { return [] }
            switch action {
            case .strict:
                diff.toggleStrict()
                say(diff.strict ? "strict: ids and times count as differences" : "ids and times do not count")
            case .copy:
                guard let summary = diff.diff?.summary else { return [] }
                return copy(summary)
            }
        }
        diff.scroll = min(max(0, diff.scroll), last)
        return []
    }

    /// `D`: the marked execution (A) against `other` (B), both read now.
    mutating func openDiff(_ marked: Execution, _ other: Execution) -> [Effect] {
        diff.request(marked, other)
        push(.diff)
        return [.diff(marked.arn, other.arn)]
    }

    /// The Diff screen on two timelines already read (a replay against its original).
    mutating func openDiff(_ a: Timeline, _ b: Timeline, labels: (String, String)) {
        diff.show(a, b, labels: labels)
        push(.diff)
    }

    /// Space on a list: marks `execution` as A of the next `D`, or unmarks it.
    mutating func toggleMark(_ execution: Execution?) {
        guard let execution else { return }
        if diff.marked?.arn == execution.arn {
            diff.marked = nil
            say("unmarked \(execution.name)")
        } else {
            diff.marked = execution
            say("marked \(execution.name): select another and press D to compare")
        }
    }

    /// `D` on a list: the marked execution against the selected one.
    mutating func diffMarked(with selected: Execution?) -> [Effect] {
        guard let marked = diff.marked else {
            say("mark an execution first (space), then select another and press D", isError: true)
            return []
        }
        guard let selected, selected.arn != marked.arn else {
            say("select an execution other than the marked one (\(marked.name))", isError: true)
            return []
        }
        return openDiff(marked, selected)
    }
}
