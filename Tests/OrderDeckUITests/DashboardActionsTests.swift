import Foundation
import OrderDeckCore
import OrderDeckUI
import TerminalUI
import TestSupport
import Testing

/// Actions that change the stack: each behind a confirmation that says exactly what will happen,
/// and absent on a read-only stack.
@Suite struct DashboardActionsTests {
    /// The standard data with the first execution RUNNING in its detail too.
    static func runningData() -> (FakeDashboardSource.Data, Execution) {
        var data = DashboardHarness.standardData()
        let running = data.executions["OrderWorkflow"]![0]
        var detail = data.details[running.arn]!
        detail.0.status = .running
        detail.0.stopDate = nil
        data.details[running.arn] = detail
        return (data, running)
    }

    @Test func stoppingAsksForAReasonThenConfirmsExactlyWhatWillHappen() async throws {
        let (data, running) = Self.runningData()
        let harness = DashboardHarness(width: 160, height: 40, data: data)
        await harness.settle()
        harness.press(.character("2"))
        harness.press(.enter)  // the RUNNING one is the newest: selected first
        await harness.waitFor { $0.state.execution.execution?.status == .running }
        #expect(harness.state.hints.contains("x stop"))

        harness.press(.character("x"))
        #expect(
            harness.screen.contains("stop \(running.name) with error: cause = Operator.Stopped: stopped from OrderDeck")
        )
        harness.press(.control("u"))
        harness.type("Ops.Cancelled: customer asked")
        harness.press(.enter)
        let question =
            "Stop \(running.name) on local (StopExecution, error Ops.Cancelled, cause 'customer asked')? y/N"
        #expect(harness.state.confirmation?.question == question)
        harness.pump()
        #expect(harness.screen.contains(question))

        // Anything but y: nothing happens.
        harness.press(.character("n"))
        #expect(harness.state.confirmation == nil)
        #expect(harness.state.visibleNote?.text == "not stopped: \(running.name) keeps running")
        #expect(harness.source.withData { $0.stops.isEmpty })

        harness.press(.character("x"), .enter, .character("y"))
        await harness.waitFor { $0.state.visibleNote?.text.hasPrefix("stopped ") == true }
        #expect(
            harness.state.visibleNote?.text
                == "stopped \(running.name): ABORTED (Operator.Stopped: stopped from OrderDeck)")
        let stops = harness.source.withData { $0.stops }
        #expect(stops.count == 1)
        #expect(stops.first?.arn == running.arn && stops.first?.error == "Operator.Stopped")
        #expect(stops.first?.cause == "stopped from OrderDeck")
        // The screen shows it ABORTED without waiting for the next refresh.
        await harness.waitFor { $0.state.execution.execution?.status == .aborted }
    }

    @Test func onlyARunningStandardExecutionCanBeStopped() async throws {
        let harness = DashboardHarness(width: 160, height: 40)
        await harness.settle()
        harness.press(.character("2"), .down, .enter)  // a finished one
        await harness.waitFor { $0.state.execution.execution != nil }
        let name = try #require(harness.state.execution.execution?.name)
        let status = try #require(harness.state.execution.execution?.status)
        harness.press(.character("x"))
        #expect(harness.state.prompt == nil)
        #expect(harness.state.visibleNote?.text == "\(name) is \(status): only a RUNNING execution can be stopped")
    }

    @Test func aReadOnlyStackHasNoStopKeyAtAll() async throws {
        let (data, _) = Self.runningData()
        var stack = FixedData.stack
        stack.readOnly = true
        let harness = DashboardHarness(width: 160, height: 40, data: data, stack: stack)
        await harness.settle()
        harness.press(.character("2"))
        #expect(!harness.state.hints.contains("stop"))
        harness.press(.character("x"))
        #expect(harness.state.prompt == nil && harness.state.confirmation == nil)
        harness.press(.enter)
        await harness.waitFor { $0.state.execution.execution?.status == .running }
        #expect(!harness.state.hints.contains("stop"))
        #expect(!harness.state.helpLines.joined().contains("StopExecution"))
        harness.press(.character("x"))
        #expect(harness.state.prompt == nil && harness.state.confirmation == nil)
        #expect(harness.source.withData { $0.stops.isEmpty })
    }
}

/// `n` on a failed execution: its input on the Submit screen, sent as a new order with a fresh id.
@Suite struct RerunTests {
    @Test func aFailedOrderIsReRunAsANewOrder() throws {
        var state = FixedData.state(screen: .execution, size: TerminalSize(width: 120, height: 40))
        let failed = try #require(state.execution.execution)
        #expect(failed.status == .failed)
        #expect(state.hints.contains("n re-run"))
        _ = state.handle(.character("n"))
        #expect(state.screen == .submit)
        #expect(state.submit.rerunOf == failed.name)
        var buffer = ScreenBuffer(width: 120, height: 40)
        DashboardView.render(state, into: &buffer)
        #expect(buffer.text.contains("Re-run of order \(failed.name) as a new order"))
        let input = try JSONValue.parse(try #require(failed.input))
        #expect(state.submit.template == input)

        // Sending a re-run is confirmed first, saying what goes where.
        #expect(state.handle(.character("s")).isEmpty)
        let question = try #require(state.confirmation?.question)
        #expect(
            question.hasPrefix("Send order ")
                && question.hasSuffix(" to local — a re-run of \(failed.name) with its input, as a new order? y/N"))
        let effects = state.handle(.character("y"))
        guard case .submit(let order, _)? = effects.first else {
            Issue.record("s did not submit: \(effects)")
            return
        }
        // The same order, as a new one: a fresh id, everything else as it was.
        #expect(order["id"] != input["id"])
        for (key, value) in input.objectMembers ?? [] where key != "id" { #expect(order[key] == value) }
    }

    @Test func onlyAFailedOneAndNeverOnAReadOnlyStack() throws {
        var state = FixedData.state(screen: .execution, size: TerminalSize(width: 120, height: 40))
        var succeeded = try #require(state.execution.execution)
        succeeded.status = .succeeded
        state.apply(.execution(succeeded, state.execution.events))
        _ = state.handle(.character("n"))
        #expect(state.screen == .execution)
        #expect(state.visibleNote?.text == "\(succeeded.name) is SUCCEEDED: only a failed order is re-run")

        var readOnly = FixedData.state(screen: .execution, size: TerminalSize(width: 120, height: 40))
        readOnly.stack.readOnly = true
        #expect(!readOnly.hints.contains("re-run"))
        _ = readOnly.handle(.character("n"))
        #expect(readOnly.screen == .execution)
    }
}

/// R on Submit re-sends the last submission: labelled a re-send, and confirmed first.
@Suite struct ResendConfirmationTests {
    @Test func reSendingSaysItIsTheSameOrderAgainAndWaitsForYes() throws {
        var state = FixedData.state(screen: .submit, size: TerminalSize(width: 160, height: 40))
        let last = try #require(state.submit.last)
        #expect(state.handle(.character("R")).isEmpty)
        #expect(
            state.confirmation?.question
                == "Re-send submission \(last.id.prefix(8)) to local: order \(last.orderId) again, the same id (re-send #\(last.resends + 1))? y/N"
        )
        _ = state.handle(.character("n"))
        #expect(state.visibleNote?.text == "not re-sent")
        _ = state.handle(.character("R"))
        #expect(state.handle(.character("y")) == [.resend(last.id)])
        // The answer is labelled as a re-send where it shows.
        var resent = last
        resent.attempts += 1
        state.apply(.submitted(resent, resent: true))
        #expect(state.visibleNote?.text.hasPrefix("re-sent") == true)
        #expect(state.submit.lastWasResend)
    }
}
