import AWSClient
import Foundation
import OrderDeckCore
import TerminalUI
import TestSupport
import Testing

@testable import OrderDeckUI

/// Issue 25's incident path on the Execution screen: it opens on the state that failed (inside
/// its Map iteration or Parallel branch), shows the error and the whole cause wrapped, says why an
/// ABORTED execution stopped, and never shows an empty `:  —`.
@Suite struct IncidentPathTests {
    /// The Execution screen as ⏎ opens it on a loaded history (no key pressed after).
    static func opened(_ history: SavedHistory, size: TerminalSize) -> DashboardState {
        var state = FixedData.state(screen: .orders, size: size)
        state.now = history.execution.stopDate ?? FixedData.now
        _ = state.openExecution(history.execution.arn)
        state.apply(.execution(history.execution, history.events))
        return state
    }

    @Test func everyRecordedFailureOpensOnTheStateThatFailed() throws {
        let histories = try SavedHistory.parse(Data(contentsOf: SharedFixtures.recordedHistories))
        var checked = 0
        var problems: [String] = []
        for history in histories {
            let state = Self.opened(history, size: TerminalSize(width: 160, height: 50))
            guard let failure = state.execution.timeline.failure, let culprit = failure.culprit else { continue }
            checked += 1
            let selected = state.execution.selectedStep
            if selected?.name != culprit {
                problems.append("\(history.execution.name): on \(selected?.name ?? "-"), not \(culprit)")
            }
            // Drilled as deep as the failure: the breadcrumb names the iteration or branch.
            if failure.path.count > 1, !state.execution.breadcrumb.contains(failure.path[failure.path.count - 2]) {
                problems.append(
                    "\(history.execution.name): breadcrumb \(state.execution.breadcrumb) for \(failure.pathText)")
            }
        }
        #expect(checked > 50)
        #expect(problems.isEmpty, "\(problems.prefix(10))")
    }

    @Test func theWholeCauseIsWrappedOnTheExecutionScreen() throws {
        let history = try #require(
            try SavedHistory.parse(Data(contentsOf: SharedFixtures.recordedHistories)).first {
                $0.events.contains { $0.type == "ExecutionFailed" } && Timeline(events: $0.events).failure != nil
            })
        var state = Self.opened(history, size: TerminalSize(width: 60, height: 40))
        let long = String(repeating: "the card issuer said no; ", count: 12) + "END-OF-CAUSE"
        var execution = history.execution
        execution.cause = long
        var events = history.events
        // The execution's own failure event carries the cause the screen shows.
        if let index = events.lastIndex(where: { $0.type == "ExecutionFailed" }) {
            events[index].details = .object([("error", .string("Payment.Declined")), ("cause", .string(long))])
        }
        state.apply(.execution(execution, events))
        var buffer = ScreenBuffer(width: 60, height: 40)
        DashboardView.render(state, into: &buffer)
        let text = buffer.text.replacingOccurrences(of: "\n", with: " ")
        #expect(text.contains("END-OF-CAUSE"), "\(buffer.text)")
        #expect(!buffer.text.contains(":  —"))
    }

    @Test func anAbortedExecutionSaysWhyItStopped() {
        var state = FixedData.state(screen: .orders, size: TerminalSize(width: 120, height: 30))
        let arn = "arn:aws:states:us-east-1:123456789012:execution:OrderWorkflow:stopped-1"
        _ = state.openExecution(ExecutionARN(arn))
        let started = FixedData.now.addingTimeInterval(-60)
        let events = [
            ExecutionEvent(
                id: 1, previousEventId: 0, type: "ExecutionStarted", timestamp: started, details: .object([])),
            ExecutionEvent(
                id: 2, previousEventId: 1, type: "ExecutionAborted", timestamp: started.addingTimeInterval(5),
                details: .object([("error", .string("Operator.Stop")), ("cause", .string("stuck in review"))])),
        ]
        var execution = Execution(
            arn: ExecutionARN(arn), name: "stopped-1", machineName: "OrderWorkflow", status: .aborted,
            startDate: started,
            stopDate: started.addingTimeInterval(5), source: .api)
        state.apply(.execution(execution, events))
        var buffer = ScreenBuffer(width: 120, height: 30)
        DashboardView.render(state, into: &buffer)
        #expect(buffer.text.contains("■ aborted: Operator.Stop — stuck in review"), "\(buffer.text)")
        // Nothing given: said so, never an empty ":  —".
        execution.error = nil
        let bare = [
            events[0],
            ExecutionEvent(
                id: 2, previousEventId: 1, type: "ExecutionAborted", timestamp: started, details: .object([])),
        ]
        state.apply(.execution(execution, bare))
        buffer = ScreenBuffer(width: 120, height: 30)
        DashboardView.render(state, into: &buffer)
        #expect(buffer.text.contains("■ aborted: stopped, no error or cause given"))
        #expect(!buffer.text.contains(":  —"))
    }

    @Test func theCopyPopupShowsTheWholeValueWrapped() {
        var buffer = ScreenBuffer(width: 40, height: 20)
        let value = String(repeating: "abcdefghij", count: 20) + "TAIL"
        CopyPopupView.render(value, into: &buffer)
        #expect(
            buffer.text.replacingOccurrences(of: "│", with: "").replacingOccurrences(of: " ", with: "")
                .replacingOccurrences(of: "\n", with: "").contains("abcdefghijTAIL"))
    }

    @Test func theHintLineOffersOnlyKeysThatActOnTheSelection() throws {
        let history = try TimelineDrillTests.saved("test_map_state")
        var state = Self.opened(history, size: TerminalSize(width: 200, height: 50))
        while state.execution.isDrilled { _ = state.handle(.character("q")) }
        let steps = state.execution.timeline.steps
        let map = try #require(steps.firstIndex { $0.hasChildren })
        let plain = try #require(steps.firstIndex { !$0.hasChildren })
        state.execution.table.selected = map
        #expect(state.hints.contains("⏎ drill"))
        state.execution.table.selected = plain
        #expect(!state.hints.contains("⏎ drill"))
        // A finished execution cannot be stopped: no "x stop" offered.
        #expect(history.execution.status != .running)
        #expect(!state.hints.contains("x stop"))
    }

    @Test func theDeclinedPaymentsDecisiveFieldIsOnScreenWithoutScrolling() {
        // The fixture is a declined payment of the order workflow, opened as ⏎ opens it.
        let state = FixedData.state(screen: .execution, size: TerminalSize(width: 80, height: 24))
        var buffer = ScreenBuffer(width: 80, height: 24)
        DashboardView.render(state, into: &buffer)
        #expect(state.execution.selectedStep?.name == "PaymentFailed")
        #expect(buffer.text.contains("✗ PaymentFailed: Order.PaymentDeclined — The payment was declined"))
        #expect(buffer.text.contains("was cancelled."))
        #expect(buffer.text.contains("+ payment.declineReason: \"card declined"), "\(buffer.text)")
    }

    /// Found by this stop's new-operator trial: an order whose gift wrap failed (caught early)
    /// and whose payment was then declined showed the gift-wrap error's fields first, and the
    /// declined payment's reason 44 lines down at 80x24. The latest states' changes come first.
    @Test func theLatestStatesChangesComeBeforeWhatEarlyStatesAdded() throws {
        let start = #"{"id":"o-9","user_id":"u","giftWrap":true}"#
        let wrapped =
            #"{"id":"o-9","user_id":"u","giftWrap":true,"giftWrapError":{"Error":"States.TaskFailed","Cause":"Requested resource not found: the gift wrap service is down for maintenance until further notice"},"#
            + #""notes":["a","b","c","d","e","f"]}"#
        let paid =
            #"{"id":"o-9","user_id":"u","giftWrap":true,"giftWrapError":{"Error":"States.TaskFailed","Cause":"Requested resource not found: the gift wrap service is down for maintenance until further notice"},"#
            + #""notes":["a","b","c","d","e","f"],"payment":{"status":"DECLINED","declineReason":"card declined"}}"#
        // ApplyGiftWrap's catch, then ProcessPayment: each step's input and output.
        let steps: [(input: String?, output: String?)] = [(start, wrapped), (wrapped, paid)]
        let pane = try #require(ExecutionView.withChangesFirst(paid, since: start, madeBy: steps))
        let lines = pane.split(separator: "\n").map(String.init)
        #expect(lines.prefix(2) == [#"+ payment.status: "DECLINED""#, #"+ payment.declineReason: "card declined""#])
        #expect(lines[2].hasPrefix("+ giftWrapError.Error"))
        // Without the states, document order (what the trial saw).
        let plain = try #require(ExecutionView.withChangesFirst(paid, since: start))
        #expect(plain.hasPrefix("+ giftWrapError.Error"))
    }

    @Test func changesAreListedLeafByLeaf() throws {
        let before = try JSONValue.parse(#"{"id":"o1","items":[{"sku":"A"}],"gone":true,"payment":{"roll":1}}"#)
        let after = try JSONValue.parse(
            #"{"id":"o1","items":[{"sku":"B"},{"sku":"C"}],"payment":{"roll":1,"why":"no"}}"#)
        #expect(
            JSONChanges.between(before, after).map(\.line) == [
                #"~ items[0].sku: "B""#, #"+ items[1].sku: "C""#, #"+ payment.why: "no""#, "- gone: true",
            ])
        #expect(JSONChanges.between(before, before).isEmpty)
    }
}

/// Issue 25: a stack that moved under the dashboard (a local stack started again on new ports)
/// ends it with a request to reopen on the same stack — no key pressed.
@Suite struct StackMovedTests {
    @Test func aMovedStackReopensWithoutAKey() async {
        let harness = DashboardHarness()
        await harness.settle()
        harness.dashboard.inbox.post(.stackMoved("the local stack moved to http://127.0.0.1:4242"))
        let running = harness.loop.process([.wake])
        #expect(!running)
        #expect(harness.dashboard.isFinished)
        #expect(harness.dashboard.requestedStack == harness.state.stack.name)
    }
}

/// Issue 25's small things an operator notices at small sizes.
@Suite struct SmallTerminalTests {
    static func render(_ state: DashboardState, _ width: Int, _ height: Int) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: width, height: height)
        DashboardView.render(state, into: &buffer)
        return buffer
    }

    @Test func theExecutionHeaderKeepsTheNameAndTheLogsKeepTheEventType() {
        let execution = Self.render(
            FixedData.state(screen: .execution, size: TerminalSize(width: 80, height: 24)), 80, 24)
        let arn = FixedData.state(screen: .execution).execution.arn!.rawValue
        #expect(execution.line(2).hasPrefix("…") && arn.hasSuffix(String(execution.line(2).dropFirst())))
        #expect(execution.line(2).contains(ExecutionARN(arn).name))
        let logs = Self.render(FixedData.state(screen: .logs, size: TerminalSize(width: 60, height: 40)), 60, 40)
        let failed = (0..<40).map(logs.line).first { $0.contains("#26 ") } ?? ""
        #expect(failed.contains("#26 ExecutionFailed"), "\(logs.text)")
    }

    @Test func tooSmallSaysSoWholeEvenAt12x4() {
        let tiny = Self.render(FixedData.state(screen: .orders, size: TerminalSize(width: 12, height: 4)), 12, 4)
        #expect(tiny.line(0).trimmingCharacters(in: .whitespaces) == "too small")
        #expect(tiny.line(1).trimmingCharacters(in: .whitespaces) == "need 20x6")
        #expect(!tiny.text.contains("…"))
    }
}

/// Issue 25: one execution, one set of figures — once opened, the Executions list shows what the
/// Execution screen shows (its history's start and stop), across list refreshes, until the list
/// reports another status.
@Suite struct OneFigureTests {
    @Test func theListsElapsedIsTheScreensTookOnceOpened() throws {
        var state = FixedData.state(screen: .executions, size: TerminalSize(width: 160, height: 40))
        let machine = "OrderWorkflow"
        let listed = try #require(state.executions.byMachine[machine]?.first { $0.status != .running })
        var detail = listed
        detail.startDate = listed.startDate?.addingTimeInterval(0.274)
        detail.stopDate = detail.startDate?.addingTimeInterval(0.007)
        detail.error = ""
        _ = state.openExecution(listed.arn)
        state.apply(
            .execution(
                Execution(
                    arn: detail.arn, name: detail.name, machineName: detail.machineName, status: detail.status,
                    startDate: detail.startDate, stopDate: detail.stopDate, error: "", source: .api), []))
        func row() -> Execution? { state.executions.byMachine[machine]?.first { $0.arn == listed.arn } }
        let took = try #require(detail.stopDate).timeIntervalSince(try #require(detail.startDate))
        #expect(row()?.elapsed(now: state.now) == took)
        #expect(row()?.startDate == detail.startDate)
        #expect(row()?.error == nil)  // "" is no error, as ListExecutions says
        // The list refreshes with its own figures: the opened execution keeps its history's.
        let refreshed = state.executions.byMachine[machine] ?? []
        state.apply(.executions(machine: machine, refreshed.map { $0.arn == listed.arn ? listed : $0 }))
        #expect(row()?.elapsed(now: state.now) == took)
    }
}

/// Issue 25: the inspector shows the selected long value whole (wrapped), and the help overlay
/// lists every palette command from the table the palette runs.
@Suite struct WholeValueAndPaletteHelpTests {
    @Test func theSelectedLongValueIsWrappedWhole() {
        let cause = String(repeating: "stack frame at payment.py line 42; ", count: 8) + "THE-END"
        var inspector = JSONInspector(title: "state", value: .object([("cause", .string(cause))]))
        inspector.table.moveTo(1, visibleRows: 20)
        var buffer = ScreenBuffer(width: 60, height: 24)
        InspectorView.render(inspector, into: &buffer, y: 0, height: 24)
        let text = (0..<24).map { buffer.line($0).trimmingCharacters(in: .whitespaces) }.joined()
        #expect(text.contains("THE-END"), "\(buffer.text)")
        #expect(!buffer.text.contains("…"))
    }

    @Test func theHelpListsEveryPaletteCommand() {
        var state = FixedData.state(screen: .orders, size: TerminalSize(width: 120, height: 60))
        _ = state.handle(.character("?"))
        let help = state.helpLines.joined(separator: "\n")
        for command in PaletteCommand.allCases { #expect(help.contains(command.usage), "\(command.usage)") }
        // And an unknown command's error lists the same commands.
        _ = state.handle(.character("x"))
        _ = state.handle(.character(":"))
        for character in "frob" { _ = state.handle(.character(character)) }
        _ = state.handle(.enter)
        #expect(state.visibleNote?.text.contains(":machine NAME") == true)
    }
}

/// Issue 25: a text cause longer than a screen is read whole in the inspector, scrolling.
@Suite struct LongCauseTests {
    @Test func aCauseLongerThanAScreenScrollsInTheInspector() throws {
        var state = FixedData.state(screen: .orders, size: TerminalSize(width: 80, height: 24))
        let arn = "arn:aws:states:us-east-1:123456789012:execution:OrderWorkflow:long-cause"
        let cause = (1...80).map { "frame \($0) in payment.charge()" }.joined(separator: "; ") + " THE-END"
        let start = FixedData.now.addingTimeInterval(-30)
        func event(_ id: Int, _ type: String, _ details: [(String, JSONValue)]) -> ExecutionEvent {
            ExecutionEvent(
                id: id, previousEventId: id - 1, type: type, timestamp: start.addingTimeInterval(Double(id)),
                details: .object(details))
        }
        let events = [
            event(1, "ExecutionStarted", [("input", .string("{}"))]),
            event(2, "TaskStateEntered", [("name", .string("Charge")), ("input", .string("{}"))]),
            event(3, "TaskScheduled", [("resource", .string("invoke"))]),
            event(4, "TaskFailed", [("error", .string("Payment.Crashed")), ("cause", .string(cause))]),
            event(5, "ExecutionFailed", [("error", .string("Payment.Crashed")), ("cause", .string(cause))]),
        ]
        _ = state.openExecution(ExecutionARN(arn))
        state.apply(
            .execution(
                Execution(
                    arn: ExecutionARN(arn), name: "long-cause", machineName: "OrderWorkflow", status: .failed,
                    startDate: start,
                    stopDate: start.addingTimeInterval(5), source: .api), events))
        #expect(state.execution.selectedStep?.name == "Charge")
        _ = state.handle(.character("i"))
        let inspector = try #require(state.inspector)
        #expect(inspector.lines.contains { $0.key == "cause, line by line" })
        #expect(inspector.lines.count > 30)  // past a screen of 24 rows: it scrolls
        #expect(inspector.lines.contains { $0.text.contains("THE-END") })
    }
}

/// A key a global table binds is never also a screen's: the global one would win while the help
/// listed both (ctrl-s was "send" on Submit and "export" everywhere).
@Suite struct KeyOverlapTests {
    @Test func noScreenBindsAGlobalKey() {
        let global = Set(GlobalKeys.table.boundKeys)
        let screens: [(String, [Key])] = [
            ("orders", OrdersKeys.table.boundKeys), ("executions", ExecutionsKeys.table.boundKeys),
            ("execution", ExecutionKeys.table.boundKeys), ("logs", LogsKeys.table.boundKeys),
            ("submit", SubmitKeys.table.boundKeys), ("overview", OverviewKeys.table.boundKeys),
        ]
        for (name, keys) in screens {
            #expect(global.intersection(keys).isEmpty, "\(name) binds \(global.intersection(keys))")
        }
    }
}

/// Found by the operator's trial: `E` on a re-run's form showed the failed order's old id and
/// dropped a change to it. It shows the id the form will send, and an edited id is sent.
@Suite struct RerunEditorTests {
    @Test func theEditorShowsAndKeepsTheReRunsId() throws {
        var state = FixedData.state(screen: .execution, size: TerminalSize(width: 120, height: 40))
        _ = state.handle(.character("n"))
        #expect(state.screen == .submit)
        let id = try #require(state.submit.rerunId)
        let effects = state.handle(.character("E"))
        guard case .editTemplate(let text)? = effects.first else {
            Issue.record("E did not open the editor: \(effects)")
            return
        }
        #expect(try JSONValue.parse(text)["id"]?.stringValue == id)
        var edited = try JSONValue.parse(text).objectMembers ?? []
        if let index = edited.firstIndex(where: { $0.0 == "id" }) { edited[index].1 = .string("custom-id-7") }
        state.applyEditedTemplate(JSONValue.object(edited).description)
        #expect(state.submit.orderToSend(now: state.now)["id"]?.stringValue == "custom-id-7")
    }
}
