import OrderDeckCore
import TerminalUI

/// The Execution screen's state: one execution, its events and its timeline.
public struct ExecutionScreen: Sendable {
    public private(set) var arn: ExecutionARN?
    public private(set) var execution: Execution?
    public private(set) var events: [ExecutionEvent] = []
    public private(set) var timeline = Timeline(events: [])
    /// Per event id: the state it belongs to (through its `previousEventId` chain to the state it
    /// entered), so TaskScheduled/TaskStarted rows say which state they are part of.
    public private(set) var stateOfEvent: [Int: String] = [:]
    public var table = TableView(columns: ExecutionColumns.timeline)
    /// The raw event list instead of the timeline.
    public private(set) var raw = false
    /// Where ⏎ has taken the timeline: into Map iterations and Parallel branches.
    public private(set) var levels: [TimelineLevel] = []
    /// The rows at the current level.
    public private(set) var rows = TimelineRows.steps([])
    /// "MapState › iteration 3" for the current level (empty at the top).
    public private(set) var breadcrumb = ""
    /// The selection at each level above, restored on the way back up.
    private var selections: [Int] = []

    public init() {}

    var isRunning: Bool { execution?.status == .running }

    public var selectedStep: Timeline.Step? {
        guard case .steps(let steps) = rows, steps.indices.contains(table.selected) else { return nil }
        return steps[table.selected]
    }

    public var selectedGroup: (parent: Timeline.Step, group: Timeline.Group)? {
        guard case .groups(let step) = rows, step.children.indices.contains(table.selected) else { return nil }
        return (step, step.children[table.selected])
    }

    public var isDrilled: Bool { !levels.isEmpty }

    public var selectedEvent: ExecutionEvent? { events.indices.contains(table.selected) ? events[table.selected] : nil }

    mutating func open(_ newArn: ExecutionARN) {
        if arn != newArn {
            execution = nil
            events = []
            timeline = Timeline(events: [])
            stateOfEvent = [:]
            levels = []
            selections = []
            rows = .steps([])
            breadcrumb = ""
            table.setRowCount(0)
        }
        arn = newArn
        raw = false
        setColumns()
    }

    mutating func update(_ found: Execution, events newEvents: [ExecutionEvent], visibleRows: Int) {
        guard found.arn == arn else { return }
        let firstLoad = execution == nil
        execution = found
        events = newEvents
        timeline = Timeline(events: newEvents)
        stateOfEvent = Self.states(of: newEvents)
        resolveRows()
        table.setRowCount(raw ? events.count : rows.count)
        table.scrollToSelection(visibleRows: visibleRows)
        if firstLoad { focus(visibleRows: visibleRows) }
    }

    /// Where an operator looks first: the state that failed the execution — inside its Map
    /// iteration or Parallel branch when it failed there — or else the one still running.
    mutating func focus(visibleRows: Int) {
        guard !raw, levels.isEmpty else { return }
        if let failure = timeline.failure, !failure.path.isEmpty {
            var remaining = failure.path
            while !remaining.isEmpty {
                let name = remaining.removeFirst()
                if case .steps(let steps) = rows {
                    guard
                        let row = steps.lastIndex(where: { $0.name == name && $0.failed })
                            ?? steps.lastIndex(where: { $0.name == name })
                    else { return }
                    table.moveTo(row, visibleRows: visibleRows)
                    // A Map or Parallel: into its failed iteration or branch, then on to its state.
                    guard !remaining.isEmpty, steps[row].hasChildren, drillIn(visibleRows: visibleRows) else { return }
                } else if case .groups(let step) = rows {
                    guard let row = step.children.lastIndex(where: { $0.label == name }) else { return }
                    table.moveTo(row, visibleRows: visibleRows)
                    guard !remaining.isEmpty, drillIn(visibleRows: visibleRows) else { return }
                }
            }
        } else if case .steps(let steps) = rows, let row = steps.lastIndex(where: { $0.outcome == .running }) {
            table.moveTo(row, visibleRows: visibleRows)
        }
    }

    mutating func toggleRaw(visibleRows: Int) {
        raw.toggle()
        setColumns()
        table.setRowCount(raw ? events.count : rows.count)
        table.moveTo(0, visibleRows: visibleRows)
    }

    /// ⏎: into the selected Map's iterations or Parallel's branches, or into the selected one.
    /// False when the row has nothing inside.
    mutating func drillIn(visibleRows: Int) -> Bool {
        guard !raw else { return false }
        let level: TimelineLevel
        if let step = selectedStep, step.hasChildren {
            level = .groups(state: step.enteredEventId)
        } else if let (parent, group) = selectedGroup {
            level = .group(state: parent.enteredEventId, attempt: group.attempt, index: group.index)
        } else {
            return false
        }
        selections.append(table.selected)
        levels.append(level)
        resolveRows()
        setColumns()
        table.setRowCount(rows.count)
        // Into a Map: straight to the first failed iteration, the one an operator looks for.
        let firstFailed = selectedGroupIndex { $0.outcome == .failed || $0.outcome == .timedOut }
        table.moveTo(firstFailed ?? 0, visibleRows: visibleRows)
        return true
    }

    /// Back up one level; false at the top.
    mutating func drillOut(visibleRows: Int) -> Bool {
        guard !levels.isEmpty else { return false }
        levels.removeLast()
        resolveRows()
        setColumns()
        table.setRowCount(rows.count)
        table.moveTo(selections.popLast() ?? 0, visibleRows: visibleRows)
        return true
    }

    /// `]` / `[`: the next or previous iteration or branch, staying inside it.
    mutating func moveGroup(by delta: Int, visibleRows: Int) -> Bool {
        if case .groups(let step) = rows {
            // On the list of iterations or branches: the selection moves.
            let target = table.selected + delta
            guard step.children.indices.contains(target) else { return false }
            table.moveTo(target, visibleRows: visibleRows)
            return true
        }
        guard case .group(let id, let attempt, let index)? = levels.last else { return false }
        let parentLevels = Array(levels.dropLast())
        guard case .groups(let parent) = TimelineRows.resolve(parentLevels + [.groups(state: id)], in: timeline).rows,
            let position = parent.children.firstIndex(where: { $0.attempt == attempt && $0.index == index })
        else { return false }
        let target = position + delta
        guard parent.children.indices.contains(target) else { return false }
        let next = parent.children[target]
        levels[levels.count - 1] = .group(state: id, attempt: next.attempt, index: next.index)
        if !selections.isEmpty { selections[selections.count - 1] = target }
        resolveRows()
        table.setRowCount(rows.count)
        table.moveTo(0, visibleRows: visibleRows)
        return true
    }

    private func selectedGroupIndex(where matches: (Timeline.Group) -> Bool) -> Int? {
        guard case .groups(let step) = rows else { return nil }
        return step.children.firstIndex(where: matches)
    }

    private mutating func resolveRows() {
        let resolved = TimelineRows.resolve(levels, in: timeline)
        if resolved.levels.count < levels.count { selections = Array(selections.prefix(resolved.levels.count)) }
        levels = resolved.levels
        rows = resolved.rows
        breadcrumb = resolved.breadcrumb
    }

    private mutating func setColumns() {
        if raw {
            table.columns = ExecutionColumns.events
        } else if case .groups(let step) = rows {
            table.columns = ExecutionColumns.groups(of: step.kind)
        } else {
            table.columns = ExecutionColumns.timeline
        }
    }

    /// Follows each event's `previousEventId` back to a `…StateEntered` event.
    static func states(of events: [ExecutionEvent]) -> [Int: String] {
        let byId = Dictionary(events.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var result: [Int: String] = [:]
        for event in events {
            var current: ExecutionEvent? = event
            var steps = 0
            while let step = current, steps < 64 {
                if let known = result[step.id] {
                    result[event.id] = known
                    break
                }
                if step.type.hasSuffix("StateEntered"), let name = step.stateName {
                    result[event.id] = name
                    break
                }
                current = byId[step.previousEventId]
                steps += 1
            }
        }
        return result
    }
}
