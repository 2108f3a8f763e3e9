import Foundation
import OrderDeckCore
import TerminalUI
import TestSupport
import Testing

@testable import OrderDeckUI

/// `P` on the Execution screen (issue 29): the execution replayed on the local engine through the
/// source, then the original beside the replay on the Diff screen with the verdict, where it ran
/// and what was changed to replay it above the comparison.
@Suite struct ReplayDashboardTests {
    @Test func pReplaysTheOpenExecutionAndShowsTheVerdictAboveTheComparison() async throws {
        let harness = DashboardHarness(width: 120, height: 30)
        await harness.settle()
        harness.press(.character("2"))
        // One still running first: no replay offered (it has not ended).
        if let running = harness.state.executions.selected, running.status == .running {
            harness.press(.enter)
            #expect(await harness.waitFor { $0.state.execution.execution?.arn == running.arn })
            if harness.state.execution.execution?.status == .running {
                #expect(!harness.state.hints.contains("P replay"), "\(harness.state.hints)")
            }
            harness.press(.escape)
        }
        for _ in 0..<10 where harness.state.executions.selected?.status == .running { harness.press(.down) }
        let listed = try #require(harness.state.executions.selected)
        #expect(listed.status != .running)
        harness.press(.enter)
        #expect(await harness.waitFor { $0.state.execution.execution?.arn == listed.arn })
        #expect(harness.state.hints.contains("P replay"), "\(harness.state.hints)")

        harness.press(.character("P"))
        #expect(harness.state.screen == .diff)
        #expect(harness.state.diff.isLoading && harness.state.diff.isReplay)
        harness.pump()
        #expect(harness.screen.contains("replaying on the local engine"), "\(harness.screen)")

        #expect(await harness.waitFor { $0.state.diff.diff != nil })
        harness.pump()
        let diff = try #require(harness.state.diff.diff)
        #expect(diff.isSame, "\(diff.summary)")
        #expect(harness.line(3).hasPrefix("replay matches the original"), "\(harness.screen)")
        #expect(harness.screen.contains("replayed on the local engine at http://127.0.0.1:4566"))
        #expect(harness.screen.contains("· Wait states wait 0 s"))
        #expect(harness.screen.contains("A: original") && harness.screen.contains("B: replay"))
        // Back: the execution it came from.
        harness.press(.escape)
        #expect(harness.state.screen == .execution)
    }
}
