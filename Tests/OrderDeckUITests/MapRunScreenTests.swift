import Foundation
import OrderDeckCore
import OrderDeckUI
import TerminalUI
import TestSupport
import Testing

/// The Map Run screen (issue 27) in the whole dashboard over the fake source: ⏎ on a distributed
/// Map's row opens its run, ⏎ on a child opens that child's history, and back walks the way in
/// reverse — to the run, then to the parent as it was.
@Suite struct MapRunScreenTests {
    /// The dashboard on the parent execution (found on Executions by `/`), loaded.
    static func onParent(width: Int = 80, height: Int = 24, data: FakeDashboardSource.Data = MapRunData.sourceData())
        async -> DashboardHarness
    {
        var data = data
        let listed = Execution(
            arn: MapRunData.parent, name: MapRunData.parent.name, machineName: "OrderWorkflow",
            status: .failed, startDate: MapRunData.start, stopDate: MapRunData.start.addingTimeInterval(9.7),
            source: .api)
        data.executions["OrderWorkflow", default: []].append(listed)
        let harness = DashboardHarness(width: width, height: height, data: data)
        await harness.waitFor { !$0.state.executions.visible.isEmpty }
        harness.press(.character("2"), .character("/"))
        harness.type(MapRunData.parent.name)
        harness.press(.enter, .enter)
        await harness.waitFor { $0.state.execution.execution?.arn == MapRunData.parent }
        return harness
    }

    @Test func aDistributedMapRowOpensItsRunAndAChildsHistoryAndBackWalksOut() async throws {
        let harness = await Self.onParent()
        #expect(harness.state.screen == .execution)
        #expect(harness.state.execution.selectedStep?.mapRun?.arn == MapRunData.run)
        // The hint offers ⏎ on the row: it opens something.
        #expect(harness.state.hints.contains("⏎ drill"))
        harness.press(.enter)
        #expect(harness.state.screen == .mapRun)
        await harness.waitFor { $0.state.mapRun.detail != nil }
        let screen = harness.screen
        #expect(screen.contains("▸ map run"))
        #expect(screen.contains("\nmap run ShipItems:5f0e2a11 of batch-7\n"))
        #expect(screen.contains("✗ States.ExceedToleratedFailureThreshold — 2 of 5 failed"))
        #expect(screen.contains("FAILED  started"))
        #expect(screen.contains("items       5 total · 3 succeeded · 2 failed · 0 running · 0 pending"))
        #expect(screen.contains("executions  5 total · 3 succeeded · 2 failed · 0 running · 0 pending"))
        #expect(screen.contains("tolerates up to 1 failed item · max concurrency 2 · 3 results written"))
        #expect(screen.contains("5 child executions"))
        #expect(screen.contains("CHILD EXECUTION"))
        for name in MapRunData.childNames { #expect(screen.contains(name)) }
        #expect(harness.source.counts.mapRunLoads >= 1)
        // The first failed child is selected: the newest first, item-3 failed.
        #expect(harness.state.mapRun.selected?.name == "item-3")
        #expect(harness.state.hints.hasPrefix("⏎ → open  f status  y copy"))

        // ⏎: that child's history on the Execution screen.
        harness.press(.enter)
        #expect(harness.state.screen == .execution)
        await harness.waitFor { $0.state.execution.execution?.name == "item-3" }
        #expect(harness.screen.contains("OrderWorkflow/ShipItems:item-3"))
        #expect(harness.screen.contains("Item.Lost"))

        // Back: the run again; back again: the parent as it was, its Map row selected.
        harness.press(.character("q"))
        #expect(harness.state.screen == .mapRun)
        #expect(harness.screen.contains("5 child executions"))
        harness.press(.character("q"))
        #expect(harness.state.screen == .execution)
        #expect(harness.state.execution.arn == MapRunData.parent)
        #expect(harness.state.execution.selectedStep?.name == "ShipItems")
        await harness.waitFor { $0.state.execution.execution?.arn == MapRunData.parent }
        #expect(harness.screen.contains("batch-7"))
        #expect(!harness.screen.contains("item-3"))
    }

    @Test func theStatusFilterShowsTheFailedChildrenFirst() async throws {
        let harness = await Self.onParent()
        harness.press(.enter)
        await harness.waitFor { $0.state.mapRun.detail != nil }
        harness.press(.character("f"))
        #expect(harness.state.mapRun.visible.map(\.name) == ["item-3", "item-1"])
        #expect(harness.screen.contains("only FAILED"))
        harness.press(.character("f"))
        #expect(harness.state.mapRun.visible.allSatisfy { $0.status == .succeeded })
        harness.press(.character("f"))
        #expect(harness.state.mapRun.visible.count == 5)
        harness.press(.character("y"))
        #expect(harness.state.visibleNote?.text == "copied \(MapRunData.run)")
    }

    @Test func aRunThatCannotBeReadSaysWhyAndAChildListingThatFailsKeepsTheCounts() async throws {
        var missing = MapRunData.sourceData()
        missing.mapRuns = [:]
        let harness = await Self.onParent(data: missing)
        harness.press(.enter)
        await harness.waitFor { $0.state.mapRun.problem != nil }
        #expect(harness.screen.contains("ResourceNotFound: no Map Run"))

        var unlisted = MapRunData.sourceData()
        unlisted.mapRuns[MapRunData.run]?.children = []
        unlisted.mapRuns[MapRunData.run]?.childrenProblem = "InternalError: exception while calling ListExecutions"
        let other = await Self.onParent(data: unlisted)
        other.press(.enter)
        await other.waitFor { $0.state.mapRun.detail != nil }
        #expect(other.screen.contains("items       5 total"))
        #expect(other.screen.contains("child executions not listed: InternalError"))
        // Nothing to open: ⏎ does nothing and is not offered.
        other.press(.enter)
        #expect(other.state.screen == .mapRun)
        #expect(!other.state.hints.contains("open"))
    }

    /// A run still going is read again at the watching cadence, and no more once it has ended.
    @Test func aRunningRunIsReadAgainUntilItEnds() async throws {
        var data = MapRunData.sourceData()
        data.mapRuns[MapRunData.run]?.run.status = .running
        data.mapRuns[MapRunData.run]?.run.stopDate = nil
        data.mapRuns[MapRunData.run]?.run.itemCounts.running = 2
        let harness = await Self.onParent(data: data)
        harness.press(.enter)
        await harness.waitFor { $0.state.mapRun.detail != nil }
        #expect(harness.screen.contains("RUNNING  started"))
        #expect(harness.screen.contains("2 failed · 2 running"))
        harness.source.update {
            $0.mapRuns[MapRunData.run]?.run.status = .succeeded
            $0.mapRuns[MapRunData.run]?.run.itemCounts.running = 0
        }
        // Time passes at the watching cadence until the run is read again (however many other
        // feeds wake meanwhile); it has ended, so its loop ends.
        let clock = harness.clock
        let ticking = Task {
            while !Task.isCancelled {
                clock.advance(by: .milliseconds(500))
                try? await Task.sleep(for: .milliseconds(10))
            }
        }
        await harness.waitFor { $0.state.mapRun.detail?.run.status == .succeeded }
        ticking.cancel()
        #expect(harness.screen.contains("SUCCEEDED  started"))
        let loads = harness.source.counts.mapRunLoads
        #expect(loads == 2)
        await harness.advance(by: .seconds(5))
        #expect(harness.source.counts.mapRunLoads == loads)
    }

    /// Step Functions keeps no history of an Express child: ⏎ says where it is instead of failing.
    @Test func anExpressChildIsNotOpenedAndSaysWhy() async throws {
        var data = MapRunData.sourceData()
        data.mapRuns[MapRunData.run]?.children = [
            Execution(
                arn: "arn:aws:states:us-east-1:123456789012:express:OrderWorkflow/ShipItems:item-9:0a1b",
                name: "item-9", machineName: "OrderWorkflow/ShipItems", status: .failed, startDate: MapRunData.start,
                stopDate: MapRunData.start.addingTimeInterval(1), source: .api)
        ]
        let harness = await Self.onParent(data: data)
        harness.press(.enter)
        await harness.waitFor { $0.state.mapRun.detail != nil }
        #expect(!harness.state.hints.contains("open"))
        harness.press(.enter)
        #expect(harness.state.screen == .mapRun)
        #expect(harness.state.visibleNote?.text.contains("item-9 is an Express child") == true)
    }

    @Test func itFitsAndWorksAt20x6() async throws {
        let harness = await Self.onParent(width: 20, height: 6)
        harness.press(.enter)
        await harness.waitFor { $0.state.mapRun.detail != nil }
        #expect(harness.state.screen == .mapRun)
        #expect(harness.terminal.glass == harness.expectedFrame)
        for key: Key in [.down, .up, .end, .home, .character("f"), .enter] { harness.press(key) }
        harness.pump()
        #expect(harness.terminal.glass == harness.expectedFrame)
        harness.resize(width: 200, height: 50)
        harness.pump()
        #expect(harness.terminal.glass == harness.expectedFrame)
    }

    @Test func everyKeyOfItsTableIsInItsHelp() {
        var state = FixedData.state(screen: .mapRun, size: TerminalSize(width: 160, height: 60))
        let help = state.helpLines.joined(separator: "\n")
        for line in [
            "open the child execution's history (back returns here)",
            "status filter (all, then each status among the children, failed first)",
            "copy the Map Run's ARN (for executions --map-run)",
        ] {
            #expect(help.contains(line))
        }
        _ = state.handle(.character("?"))
        #expect(state.showHelp)
    }
}
