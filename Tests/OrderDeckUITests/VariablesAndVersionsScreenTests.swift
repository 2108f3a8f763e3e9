import Foundation
import OrderDeckCore
import OrderDeckUI
import TerminalUI
import TestSupport
import Testing

/// Issue 27 on the dashboard, through the real event loop over the fake source: the Executions
/// screen's VERSION column and `version:`/`alias:` filter terms, the Execution screen's "version 7
/// via alias prod" and query language, a state's variables (assigned, in scope) under the
/// timeline and in the inspector, and a failed JSONata evaluation's field in the failure line.
@Suite struct VariablesAndVersionsScreenTests {
    static let machine = FixedData.machines[0].arn

    /// The standard data with the first executions run through versions and aliases, and the
    /// first one's history the recorded BASE_SCOPE_MAP run (variables at every level).
    static func data() throws -> (FakeDashboardSource.Data, Execution) {
        var data = DashboardHarness.standardData()
        var executions = data.executions["OrderWorkflow"] ?? []
        for index in 0..<6 {
            executions[index].version = StateMachineVersionARN(machineArn: machine, number: index < 3 ? 7 : 6)
            executions[index].alias = index < 2 ? StateMachineAliasARN(machineArn: machine, name: "prod") : nil
        }
        data.executions["OrderWorkflow"] = executions
        let recorded = try TimelineDrillTests.saved("test_base_cases[BASE_SCOPE_MAP]")
        var opened = executions[1]
        opened.status = .succeeded
        opened.startDate = recorded.execution.startDate
        opened.stopDate = recorded.execution.stopDate
        opened.queryLanguages = MachineQueryLanguages(machine: .jsonata)
        data.details[opened.arn] = (opened, recorded.events)
        return (data, opened)
    }

    @Test func versionsOnTheListsAndVariablesOnTheExecution() async throws {
        let (data, opened) = try Self.data()
        let harness = DashboardHarness(width: 120, height: 30, data: data)
        harness.press(.character("2"))
        #expect(await harness.waitFor { $0.state.executions.visible.count == 40 })
        let header = try #require(harness.screen.split(separator: "\n").first { $0.hasPrefix("NAME ") })
        #expect(header.range(of: "STATUS +VERSION +STARTED", options: .regularExpression) != nil, "\(header)")
        #expect(harness.screen.contains("7 via prod") && harness.screen.contains(" 6 "))

        // A filter term picks by what ran; the rest of the text still matches names.
        harness.press(.character("/"))
        harness.type("alias:prod")
        harness.press(.enter)
        #expect(
            harness.state.executions.visible.map(\.name)
                == Array(data.executions["OrderWorkflow"]!.prefix(2).map(\.name)))
        harness.press(.character("/"))
        for _ in 0..<"alias:prod".count { harness.press(.backspace) }
        harness.type("version:6")
        harness.press(.enter)
        #expect(harness.state.executions.visible.count == 3)
        #expect(harness.state.executions.visible.allSatisfy { $0.version?.number == 6 })

        // The Execution screen says what ran and in which query language.
        harness.press(.character("/"))
        for _ in 0..<"version:6".count { harness.press(.backspace) }
        harness.type("alias:prod")
        harness.press(.enter, .down, .enter)
        #expect(await harness.waitFor { $0.state.execution.execution?.arn == opened.arn })
        #expect(harness.screen.contains("version 7 via alias prod  query: JSONata"), "\(harness.screen)")

        // The last state: what it assigned, and what was in scope (not the iterations' own).
        harness.press(.character("G"))
        #expect(harness.state.execution.selectedStep?.name == "State2")
        #expect(harness.screen.contains("assigned $final=42 · in scope $items=[1,2,3] $x=42"), "\(harness.screen)")

        // Inside an iteration: its parent's scope.
        harness.press(.character("g"), .down, .enter, .enter)
        #expect(harness.state.execution.selectedStep?.name == "Inner")
        #expect(harness.screen.contains("assigned $innerX=42 · in scope $items=[1,2,3] $x=42"), "\(harness.screen)")

        // i: the values as JSON, and who assigned each.
        harness.press(.character("i"))
        let inspector = try #require(harness.state.inspector)
        let lines = inspector.lines.map { ($0.key.map { "\($0): " } ?? "") + $0.text }
        #expect(lines.contains { $0.hasPrefix("assigned variables: ") }, "\(lines)")
        #expect(lines.contains("$innerX: 42"), "\(lines)")
        #expect(lines.contains { $0.hasPrefix("variables in scope: ") }, "\(lines)")
        #expect(lines.contains("assigned by: \"State0\""), "\(lines)")
    }

    @Test func aFailedEvaluationNamesItsField() throws {
        let history = try TimelineDrillTests.saved("test_map_state_items_variable_sampling[number]")
        let state = TimelineDrillTests.state(for: history, size: TerminalSize(width: 200, height: 40))
        var buffer = ScreenBuffer(width: 200, height: 40)
        DashboardView.render(state, into: &buffer)
        #expect(buffer.text.contains("✗ MapIterateState: States.QueryEvaluationError at Items — An error occurred"))
        #expect(buffer.text.contains("FAILED States.QueryEvaluationError at Items"))
        #expect(buffer.text.contains("in scope $ItemsVar=1"), "\(buffer.text)")
    }
}

/// The snapshots the README shows: the Executions screen with its VERSION column, the Execution
/// screen with a state's variables.
@Suite struct VariablesAndVersionsSnapshotTests {
    @Test func snapshots() throws {
        let (data, opened) = try VariablesAndVersionsScreenTests.data()
        var state = FixedData.state(screen: .executions, size: TerminalSize(width: 100, height: 16))
        state.apply(.executions(machine: "OrderWorkflow", data.executions["OrderWorkflow"] ?? []))
        var buffer = ScreenBuffer(width: 100, height: 16)
        DashboardView.render(state, into: &buffer)
        try ScreenSnapshotTests.check("executions-versions-100x16", buffer.text)

        let (execution, events) = try #require(data.details[opened.arn])
        _ = state.openExecution(opened.arn)
        state.apply(.execution(execution, events))
        state.now = execution.stopDate ?? FixedData.now
        _ = state.handle(.character("G"))
        buffer = ScreenBuffer(width: 100, height: 24)
        state.size = TerminalSize(width: 100, height: 24)
        DashboardView.render(state, into: &buffer)
        try ScreenSnapshotTests.check("execution-variables-100x24", buffer.text)
    }
}

extension VariablesAndVersionsScreenTests {
    /// A history that does not say what ran (LocalStack's `ExecutionStarted`): the Execution screen
    /// says what the list said.
    @Test func theListSaysWhatRanWhenTheHistoryDoesNot() async throws {
        let (data, _) = try Self.data()
        let first = try #require(data.executions["OrderWorkflow"]?.first)
        #expect(data.details[first.arn]?.0.versionSentence == nil)
        let harness = DashboardHarness(width: 120, height: 30, data: data)
        harness.press(.character("2"))
        #expect(await harness.waitFor { $0.state.executions.visible.count == 40 })
        harness.press(.enter)
        #expect(await harness.waitFor { $0.state.execution.execution?.arn == first.arn })
        #expect(harness.screen.contains("version 7 via alias prod"), "\(harness.screen)")
    }
}
