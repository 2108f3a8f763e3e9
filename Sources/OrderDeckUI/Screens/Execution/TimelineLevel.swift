import OrderDeckCore

/// One step into a timeline, as ⏎ takes it: a Map's iterations (or a Parallel's branches), then
/// one of them. States and groups are named by what identifies them in the history (the entered
/// event's id, the attempt and index), so a refresh that adds iterations keeps the place.
public enum TimelineLevel: Sendable, Hashable {
    case groups(state: Int)
    case group(state: Int, attempt: Int, index: Int)
}

/// What the timeline table shows at the current level.
public enum TimelineRows: Sendable {
    case steps([Timeline.Step])
    case groups(Timeline.Step)

    public var count: Int {
        switch self {
        case .steps(let steps): return steps.count
        case .groups(let step): return step.children.count
        }
    }

    /// The levels that still resolve in `timeline` (a level whose state vanished is dropped), the
    /// rows at the deepest one, and the way there ("MapState › iteration 3").
    static func resolve(_ levels: [TimelineLevel], in timeline: Timeline) -> (
        levels: [TimelineLevel], rows: Self, breadcrumb: String
    ) {
        var steps = timeline.steps
        var rows = Self.steps(steps)
        var kept: [TimelineLevel] = []
        var parts: [String] = []
        walk: for level in levels {
            switch level {
            case .groups(let id):
                guard let step = steps.first(where: { $0.enteredEventId == id }), step.hasChildren else { break walk }
                rows = .groups(step)
                parts.append(step.name)
            case .group(let id, let attempt, let index):
                guard let step = steps.first(where: { $0.enteredEventId == id }),
                    let group = step.children.first(where: { $0.attempt == attempt && $0.index == index })
                else { break walk }
                steps = group.steps
                rows = .steps(steps)
                parts.append(group.label)
            }
            kept.append(level)
        }
        if case .groups(let step) = rows, !kept.isEmpty {
            parts.append(step.kind == .map ? "iterations" : "branches")
        }
        return (kept, rows, parts.joined(separator: " › "))
    }
}
