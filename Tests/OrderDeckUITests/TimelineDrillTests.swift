import Foundation
import OrderDeckCore
import OrderDeckUI
import TerminalUI
import TestSupport
import Testing

/// The dashboard's Execution screen over the 403 histories recorded on real AWS, and its drill
/// into Map iterations and Parallel branches.
@Suite struct TimelineDrillTests {
    static func state(for history: SavedHistory, size: TerminalSize) -> DashboardState {
        var state = FixedData.state(screen: .orders, size: size)
        state.now = history.execution.stopDate ?? FixedData.now
        _ = state.openExecution(history.execution.arn)
        state.apply(.execution(history.execution, history.events))
        // The screen opens on the failed state, inside its iteration or branch (IncidentPathTests);
        // these tests walk the drill from the top, so they go back up first.
        while state.execution.isDrilled { _ = state.handle(.character("q")) }
        return state
    }

    static func saved(_ test: String) throws -> SavedHistory {
        let text = try String(contentsOf: SharedFixtures.recordedHistories, encoding: .utf8)
        let line = try #require(text.split(separator: "\n").first { $0.contains("::\(test)\"") })
        return try #require(try SavedHistory.parse(Data(line.utf8)).first)
    }

    @Test func everyRecordedHistoryOnTheExecutionScreen() throws {
        let histories = try SavedHistory.parse(Data(contentsOf: SharedFixtures.recordedHistories))
        var faithful = 0
        for history in histories {
            var problems: [String] = []
            var state = Self.state(for: history, size: TerminalSize(width: 200, height: 120))
            var buffer = ScreenBuffer(width: 200, height: 120)
            DashboardView.render(state, into: &buffer)
            let text = buffer.text
            let timeline = state.execution.timeline
            // The model the screen shows is the faithful one (the oracle checks it in Core's tests);
            // here: every top-level state has its row, nothing runs in a finished execution, the
            // failure line names the path.
            for step in timeline.steps where !text.contains(step.name) { problems.append("\(step.name) not on screen") }
            // The table's rows end where the selected state's variables line (a value may read
            // "running") or its input pane begins.
            let rows = text.split(separator: "\n").drop { !$0.hasPrefix("STATE ") }.prefix {
                !$0.hasPrefix("input of") && !$0.hasPrefix("assigned $") && !$0.hasPrefix("in scope $")
            }
            if history.execution.status != .running, rows.contains(where: { $0.contains("running") }) {
                problems.append("a row still running")
            }
            if let failure = timeline.failure, !failure.path.isEmpty, !text.contains("✗ \(failure.pathText):") {
                problems.append("failure line without \(failure.pathText)")
            }
            // ⏎ on each Map/Parallel row lists its iterations or branches; ⏎ again opens the first.
            for (row, step) in timeline.steps.enumerated() where step.hasChildren {
                state.execution.table.selected = row
                _ = state.handle(.enter)
                if state.execution.rows.count != step.children.count { problems.append("\(step.name): groups") }
                _ = state.handle(.enter)
                guard case .steps(let inner) = state.execution.rows else {
                    problems.append("\(step.name): no group opened")
                    continue
                }
                let expected = step.children.first { $0.outcome == .failed } ?? step.children.first
                if inner.map(\.enteredEventId) != expected?.steps.map(\.enteredEventId) {
                    problems.append("\(step.name): opened the wrong group")
                }
                _ = state.handle(.character("q"))
                _ = state.handle(.character("q"))
                if state.execution.isDrilled || state.screen != .execution { problems.append("q did not go up") }
            }
            if problems.isEmpty { faithful += 1 } else { Issue.record("\(history.execution.name): \(problems)") }
        }
        print("dashboard execution screen: \(faithful)/\(histories.count) histories faithful")
        #expect(faithful == histories.count)
    }

    @Test func drillingIntoAMapAndBetweenItsIterations() throws {
        var state = Self.state(for: try Self.saved("test_map_state"), size: TerminalSize(width: 120, height: 30))
        let map = try #require(state.execution.timeline.steps.firstIndex { $0.kind == "Map" })
        state.execution.table.selected = map
        _ = state.handle(.enter)
        #expect(state.execution.breadcrumb == "MapState › iterations")
        let count = state.execution.rows.count
        #expect(count > 2)
        _ = state.handle(.enter)
        #expect(state.execution.breadcrumb == "MapState › iteration 0")
        _ = state.handle(.character("]"))
        #expect(state.execution.breadcrumb == "MapState › iteration 1")
        _ = state.handle(.character("["))
        _ = state.handle(.character("["))
        #expect(state.execution.breadcrumb == "MapState › iteration 0")
        #expect(state.visibleNote?.text == "no previous one")
        _ = state.handle(.escape)
        #expect(state.execution.breadcrumb == "MapState › iterations")
        _ = state.handle(.escape)
        #expect(!state.execution.isDrilled && state.execution.table.selected == map)
        _ = state.handle(.character("q"))
        #expect(state.screen != .execution)
    }

    @Test func enterOnAPlainStateSaysWhatItDoes() throws {
        var state = Self.state(for: try Self.saved("test_map_state"), size: TerminalSize(width: 120, height: 30))
        state.execution.table.selected = 0
        _ = state.handle(.enter)
        #expect(!state.execution.isDrilled)
        #expect(state.visibleNote?.text == "nothing inside this row: ⏎ opens Map and Parallel states")
    }

    @Test func aParallelsFailingBranchIsOpenedFirst() throws {
        var state = Self.state(
            for: try Self.saved("test_parallel_state_fail"), size: TerminalSize(width: 120, height: 30))
        _ = state.handle(.enter)
        #expect(state.execution.breadcrumb == "ParallelState › branches")
        #expect(state.execution.selectedGroup?.group.outcome == .failed)
    }

    @Test(arguments: [(80, 24), (200, 50)])
    func mapDrillSnapshot(_ size: (Int, Int)) throws {
        var state = Self.state(for: try Self.saved("test_map_state"), size: TerminalSize(width: size.0, height: size.1))
        state.execution.table.selected = try #require(state.execution.timeline.steps.firstIndex { $0.kind == "Map" })
        var top = ScreenBuffer(width: size.0, height: size.1)
        DashboardView.render(state, into: &top)
        try ScreenSnapshotTests.check("execution-map-\(size.0)x\(size.1)", top.text)
        _ = state.handle(.enter)
        var iterations = ScreenBuffer(width: size.0, height: size.1)
        DashboardView.render(state, into: &iterations)
        try ScreenSnapshotTests.check("execution-map-iterations-\(size.0)x\(size.1)", iterations.text)
        _ = state.handle(.character("]"))
        _ = state.handle(.enter)
        var one = ScreenBuffer(width: size.0, height: size.1)
        DashboardView.render(state, into: &one)
        try ScreenSnapshotTests.check("execution-map-iteration-\(size.0)x\(size.1)", one.text)
    }
}

/// Every HistoryEventType of the service model shows in the Execution screen's raw event list,
/// named by its state where it has one.
@Suite struct EveryEventTypeOnScreenTests {
    @Test func theRawEventListShowsEveryType() throws {
        let types = try SharedFixtures.historyEventTypes()
        #expect(types.count >= 62)
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        var events = [
            ExecutionEvent(id: 1, previousEventId: 0, type: "ExecutionStarted", timestamp: start, details: .object([])),
            ExecutionEvent(
                id: 2, previousEventId: 1, type: "TaskStateEntered", timestamp: start,
                details: .object([("name", .string("Holder"))])),
        ]
        for type in types {
            events.append(
                ExecutionEvent(
                    id: events.count + 1, previousEventId: 2, type: type, timestamp: start, details: .object([])))
        }
        let arn = "arn:aws:states:us-east-1:123456789012:execution:OrderWorkflow:every-type"
        let execution = Execution(
            arn: ExecutionARN(arn), name: "every-type", machineName: "OrderWorkflow", status: .running,
            startDate: start,
            stopDate: nil, source: .api)
        var state = FixedData.state(screen: .orders, size: TerminalSize(width: 160, height: 100))
        _ = state.openExecution(ExecutionARN(arn))
        state.apply(.execution(execution, events))
        _ = state.handle(.character("e"))
        var buffer = ScreenBuffer(width: 160, height: 100)
        DashboardView.render(state, into: &buffer)
        let lines = buffer.text.split(separator: "\n")
        for type in types {
            let row = lines.first { $0.contains(" \(type) ") }
            #expect(row != nil, "\(type) not in the raw event list")
            // Chained to the Task state: each row names it (the state column), unless it names its own.
            #expect(row?.contains("Holder") == true, "\(type) row does not name its state")
        }
    }
}
