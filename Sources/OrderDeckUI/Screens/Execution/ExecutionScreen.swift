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

    public init() {}

    var isRunning: Bool { execution?.status == .running }

    public var selectedStep: Timeline.Step? {
        timeline.steps.indices.contains(table.selected) ? timeline.steps[table.selected] : nil
    }

    public var selectedEvent: ExecutionEvent? { events.indices.contains(table.selected) ? events[table.selected] : nil }

    mutating func open(_ newArn: ExecutionARN) {
        if arn != newArn {
            execution = nil
            events = []
            timeline = Timeline(events: [])
            stateOfEvent = [:]
            table.setRowCount(0)
        }
        arn = newArn
        raw = false
        table.columns = ExecutionColumns.timeline
    }

    mutating func update(_ found: Execution, events newEvents: [ExecutionEvent], visibleRows: Int) {
        guard found.executionARN == arn else { return }
        execution = found
        events = newEvents
        timeline = Timeline(events: newEvents)
        stateOfEvent = Self.states(of: newEvents)
        table.setRowCount(raw ? events.count : timeline.steps.count)
        table.scrollToSelection(visibleRows: visibleRows)
    }

    mutating func toggleRaw(visibleRows: Int) {
        raw.toggle()
        table.columns = raw ? ExecutionColumns.events : ExecutionColumns.timeline
        table.setRowCount(raw ? events.count : timeline.steps.count)
        table.moveTo(0, visibleRows: visibleRows)
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
