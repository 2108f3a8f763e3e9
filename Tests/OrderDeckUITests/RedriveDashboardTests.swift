import Foundation
import OrderDeckCore
import TerminalUI
import TestSupport
import Testing

@testable import OrderDeckUI

/// Redrive in the dashboard (issue 27): `R` on a failed Standard execution, behind a confirmation
/// that says what will happen; refused beforehand, in the redriver's words, where it cannot go;
/// hidden on a read-only stack; `:redrive shown` for every one a filtered list shows.
@Suite struct RedriveDashboardTests {
    /// A stack on AWS (the local stack's engine has no RedriveExecution).
    static let aws = StackInfo(
        name: "prod", region: "us-east-1", endpoint: "https://states.us-east-1.amazonaws.com", profile: nil,
        isLocal: false, readOnly: false)

    /// The standard data; the failed executions' details say REDRIVABLE, as DescribeExecution would.
    static func data() -> (FakeDashboardSource.Data, [Execution]) {
        var data = DashboardHarness.standardData()
        let failed = data.executions["OrderWorkflow"]!.filter { $0.status == .failed }
        for execution in failed {
            data.details[execution.arn]!.0.status = .failed
            data.details[execution.arn]!.0.redrive = ExecutionRedrive(status: .redrivable)
        }
        return (data, failed)
    }

    /// Opens the Executions list on the FAILED ones, the first selected.
    func openFailed(_ harness: DashboardHarness) async {
        await harness.settle()
        harness.press(.character("2"))
        while harness.state.executions.statusFilter != .failed { harness.press(.character("f")) }
    }

    @Test func rOnAFailedExecutionConfirmsThenRedrivesAndSaysSo() async throws {
        let (data, failed) = Self.data()
        let harness = DashboardHarness(width: 160, height: 40, data: data, stack: Self.aws)
        await openFailed(harness)
        let target = try #require(harness.state.executions.selected)
        #expect(target.status == .failed && failed.contains { $0.arn == target.arn })
        harness.press(.enter)
        await harness.waitFor { $0.state.execution.execution?.redrive.status == .redrivable }
        harness.pump()
        // Said before the operator tries: R would redrive it.
        #expect(harness.screen.contains("R redrives it (REDRIVABLE)"), "\(harness.screen)")
        #expect(harness.state.hints.contains("R redrive"))

        harness.press(.character("R"))
        let question =
            "Redrive \(target.name) on prod? It runs again from the states that did not succeed, same ARN (redrive 1). y/N"
        #expect(harness.state.confirmation?.question == question)
        harness.press(.character("n"))
        #expect(harness.state.visibleNote?.text == "not redriven: \(target.name) stays FAILED")
        #expect(harness.source.withData { $0.redrives.isEmpty })

        harness.press(.character("R"), .character("y"))
        await harness.waitFor { $0.state.visibleNote?.text.hasPrefix("redriven ") == true }
        #expect(harness.source.withData { $0.redrives } == [target.arn])
        #expect(harness.state.visibleNote?.text.contains("redriven \(target.name) (redrive 1,") == true)
        // Watched again at once: the same ARN runs again.
        await harness.waitFor { $0.state.execution.execution?.status == .running }
        #expect(harness.state.execution.execution?.redrive.count == 1)
    }

    @Test func whereRedriveCannotGoTheScreenSaysWhyAndTheKeySaysItAgain() async throws {
        // The local stack: moto has no RedriveExecution.
        let (data, _) = Self.data()
        let local = DashboardHarness(width: 160, height: 40, data: data)
        await openFailed(local)
        local.press(.enter)
        await local.waitFor { $0.state.execution.execution?.status == .failed }
        local.pump()
        #expect(
            local.screen.contains(
                "no redrive: the local stack's engines (moto, MiniStack) do not implement RedriveExecution"))
        #expect(!local.state.hints.contains("R redrive"))
        local.press(.character("R"))
        #expect(local.state.confirmation == nil)
        #expect(local.state.visibleNote?.isError == true)
        #expect(local.state.visibleNote?.text.contains("do not implement RedriveExecution") == true)

        // NOT_REDRIVABLE: Step Functions' reason, before anyone tries.
        var refused = Self.data().0
        let first = refused.executions["OrderWorkflow"]!.first { $0.status == .failed }!
        refused.details[first.arn]!.0.redrive = ExecutionRedrive(
            count: 1000, status: .notRedrivable, reason: "Execution has been redriven the maximum number of times")
        let aws = DashboardHarness(width: 160, height: 40, data: refused, stack: Self.aws)
        await openFailed(aws)
        aws.press(.enter)
        await aws.waitFor { $0.state.execution.execution?.redrive.status == .notRedrivable }
        aws.pump()
        #expect(aws.screen.contains("cannot be redriven: Execution has been redriven the maximum number of times"))
        #expect(aws.screen.contains("↻ redriven 1000×"))

        // Express: no redrive anywhere; the line offers re-running it as a new order.
        let express = ExecutionARN(FixedData.failedRecords[0].executionArn)
        var state = FixedData.state(screen: .execution, size: TerminalSize(width: 160, height: 40))
        state.stack = Self.aws
        let rebuilt = try #require(DashboardHarness.standardData().details[express])
        _ = state.openExecution(express)
        state.apply(.execution(rebuilt.0, rebuilt.1))
        #expect(state.redriveLine(rebuilt.0) == "no redrive for Express executions — n re-runs the order as a new one")
        _ = state.handle(.character("R"))
        #expect(state.confirmation == nil && state.visibleNote?.isError == true)
    }

    @Test func readOnlyHidesTheKeyAndRefusesThePaletteCommand() async throws {
        var state = FixedData.state(screen: .executions, size: TerminalSize(width: 160, height: 40))
        state.stack = Self.aws
        state.stack.readOnly = true
        #expect(!state.hints.contains("redrive"))
        _ = state.handle(.character("R"))
        #expect(state.confirmation == nil)
        _ = state.runCommand("redrive shown")
        #expect(state.visibleNote?.text == "read-only: redriving executions is disabled for this stack")
    }

    @Test func redriveShownCountsWhatTheListShowsAndRedrivesEachOne() async throws {
        let (data, failed) = Self.data()
        let harness = DashboardHarness(width: 160, height: 40, data: data, stack: Self.aws)
        await openFailed(harness)
        let shown = harness.state.executions.visible
        #expect(shown.count == failed.count && shown.count > 1)
        harness.press(.character(":"))
        harness.type("redrive shown")
        harness.press(.enter)
        let count = shown.count
        #expect(
            harness.state.confirmation?.question
                == "Redrive \(count) executions on prod? Each runs again from the states that did not succeed. y/N")
        harness.press(.character("y"))
        await harness.waitFor { $0.state.visibleNote?.text.hasPrefix("redrove ") == true }
        #expect(harness.state.visibleNote?.text == "redrove \(count) of \(count) executions")
        #expect(Set(harness.source.withData { $0.redrives }) == Set(shown.map(\.arn)))

        // All shown (no status filter): the running and succeeded ones are counted out, said.
        var state = FixedData.state(screen: .executions, size: TerminalSize(width: 160, height: 40))
        state.stack = Self.aws
        _ = state.runCommand("redrive shown")
        let all = state.executions.visible
        let eligible = all.filter { $0.status.isFailure }
        #expect(
            state.confirmation?.question
                == "Redrive \(eligible.count) executions on prod (\(all.count - eligible.count) shown can't be: running, succeeded, Express or not redrivable)? Each runs again from the states that did not succeed. y/N"
        )
    }

    /// Failed in Charge, redriven an hour later, failed in Charge again.
    static let redrivenTwiceFailed = """
        {"executionArn":"arn:aws:states:us-east-1:123456789012:execution:OrderWorkflow:o-9","events":[
        {"id":1,"previousEventId":0,"type":"ExecutionStarted","timestamp":1795422000,"executionStartedEventDetails":{"input":"{\\"id\\":\\"o-9\\",\\"user_id\\":\\"alice\\"}"}},
        {"id":2,"previousEventId":1,"type":"PassStateEntered","timestamp":1795422000.1,"stateEnteredEventDetails":{"name":"InitializeOrder","input":"{}"}},
        {"id":3,"previousEventId":2,"type":"PassStateExited","timestamp":1795422000.2,"stateExitedEventDetails":{"name":"InitializeOrder","output":"{}"}},
        {"id":4,"previousEventId":3,"type":"TaskStateEntered","timestamp":1795422000.3,"stateEnteredEventDetails":{"name":"Charge","input":"{}"}},
        {"id":5,"previousEventId":4,"type":"TaskFailed","timestamp":1795422001.5,"taskFailedEventDetails":{"error":"Payments.Unavailable","cause":"payment provider timed out","resource":"invoke","resourceType":"lambda"}},
        {"id":6,"previousEventId":5,"type":"ExecutionFailed","timestamp":1795422001.5,"executionFailedEventDetails":{"error":"Payments.Unavailable","cause":"payment provider timed out"}},
        {"id":7,"previousEventId":6,"type":"ExecutionRedriven","timestamp":1795425600,"executionRedrivenEventDetails":{"redriveCount":1}},
        {"id":8,"previousEventId":7,"type":"TaskStateEntered","timestamp":1795425600.1,"stateEnteredEventDetails":{"name":"Charge","input":"{}"}},
        {"id":9,"previousEventId":8,"type":"TaskFailed","timestamp":1795425602.1,"taskFailedEventDetails":{"error":"Payments.Unavailable","cause":"payment provider timed out","resource":"invoke","resourceType":"lambda"}},
        {"id":10,"previousEventId":9,"type":"ExecutionFailed","timestamp":1795425602.1,"executionFailedEventDetails":{"error":"Payments.Unavailable","cause":"payment provider timed out"}}
        ]}
        """

    /// The README's picture: a redriven execution that failed again, on a stack on AWS.
    @Test func aRedrivenExecutionShowsItsRunsAndWhetherItCanGoAgain() throws {
        let saved = try #require(try SavedHistory.parse(Data(Self.redrivenTwiceFailed.utf8)).first)
        var execution = saved.execution
        execution.redrive.status = .redrivable
        var state = FixedData.state(screen: .executions, size: TerminalSize(width: 100, height: 24))
        state.stack = Self.aws
        _ = state.openExecution(execution.arn)
        state.apply(.execution(execution, saved.events))
        #expect(state.execution.timeline.steps.map(\.run) == [0, 0, 1])
        var buffer = ScreenBuffer(width: 100, height: 24)
        DashboardView.render(state, into: &buffer)
        #expect(buffer.text.contains("↻1 Charge"))
        #expect(buffer.text.contains("↻ redriven 1×, last "))
        #expect(buffer.text.contains("R redrives it (REDRIVABLE)"))
        try ScreenSnapshotTests.check("execution-redriven-100x24", buffer.text)
    }
}
