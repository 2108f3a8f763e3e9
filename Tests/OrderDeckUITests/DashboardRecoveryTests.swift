import AWSClient
import AWSServices
import Foundation
import OrderDeckCore
import OrderDeckUI
import TerminalUI
import TestSupport
import Testing

/// The fault story and the jumps that need the data source, in process.
@Suite(.timeLimit(.minutes(3))) struct DashboardRecoveryTests {
    @Test func everyRequestFailingShowsOneLineAndRecoversByItself() async {
        let started = ContinuousClock.now
        func mark(_ what: String) { print("fault story: \(what) at \(ContinuousClock.now - started)") }
        let harness = DashboardHarness(width: 100, height: 24)
        #expect(await harness.waitFor { $0.screen.contains("40 orders") && $0.line(0).contains("live") })
        harness.source.update {
            $0.failure = LoadFailure(kind: .failed, message: "connection refused (127.0.0.1:5000)")
        }
        await harness.advance(by: .seconds(3))
        #expect(await harness.waitFor { $0.line(0).contains("failing, retrying") })
        mark("failing")
        let problem = harness.line(22)
        #expect(problem.contains("connection refused (127.0.0.1:5000) — failing since"))
        #expect(problem.contains("retrying in"))
        #expect(harness.screen.components(separatedBy: "connection refused").count == 2, "one line:\n\(harness.screen)")
        // The operator keeps working meanwhile; the problem stays on every screen.
        harness.press(.character("2"))
        #expect(harness.state.screen == .executions && harness.line(22).contains("connection refused"))
        await harness.advance(by: .seconds(10))
        #expect(harness.line(22).contains("connection refused"), "a standing problem does not expire")
        // The stack comes back: nothing typed, it says so, and the note goes.
        harness.source.update { $0.failure = nil }
        var recovered = false
        for _ in 0..<4 where !recovered {
            await harness.advance(by: .seconds(10))
            recovered = await harness.waitFor { $0.line(0).contains("live") }
            mark("advanced 10 s: \(harness.line(0))")
        }
        #expect(recovered)
        #expect(harness.line(22).contains("recovered: refreshing again"))
        await harness.advance(by: .seconds(5))
        #expect(!harness.screen.contains("connection refused") && !harness.screen.contains("recovered"))
        let wall = ContinuousClock.now - started
        // With real time the back-off alone would take over 20 s; here nothing waits: ~0.1 s when the
        // test runs alone. Not asserted: on a machine busy with the rest of the suite (tmux and
        // process tests block the two cooperative threads) the same story took up to 10 s. The
        // source rule that nothing but the clock sleeps is asserted in SourceRulesTests.
        #expect(harness.clock.now().timeIntervalSince(FixedData.now) >= 28, "the story spans ≥ 28 s of manual time")
        print("fault story in process: failing → one line → recovered by itself in \(wall) of wall time")
    }

    @Test func afterTheFirstLoadARefreshReadsOnlyRecentOrdersThroughTheIndex() async {
        var data = DashboardHarness.standardData(orders: 40)
        data.hasRecentIndex = true
        let harness = DashboardHarness(data: data)
        #expect(await harness.waitFor { $0.state.orders.index.count == 40 })
        for _ in 0..<3 { await harness.advance(by: .seconds(30)) }
        #expect(harness.source.counts.orderScans == 0, "the first load read the newest through the index")
        #expect(harness.source.counts.recentQueries >= 4)
        // A new order shows through the index, still without a full read.
        let fresh = FixedData.orders(41)[40]
        harness.source.update { $0.orders.append(fresh) }
        await harness.advance(by: .seconds(30))
        #expect(await harness.waitFor { $0.state.orders.index.count == 41 })
        #expect(harness.source.counts.orderScans == 0)
        // Without the index every refresh reads the table (what issue 16 measures).
        let plain = DashboardHarness()
        #expect(await plain.waitFor { $0.state.orders.index.count == 40 })
        await plain.advance(by: .seconds(30))
        #expect(plain.source.counts.orderScans >= 2)
    }

    /// Issue 16: with the changed-orders index a quiet refresh reads no order item at all, and a
    /// change is read alone.
    @Test func aQuietRefreshReadsNoOrderItems() async throws {
        var data = DashboardHarness.standardData(orders: 40)
        data.hasChangedIndex = true
        data.hasRecentIndex = true
        let harness = DashboardHarness(data: data)
        #expect(await harness.waitFor { $0.state.orders.index.count == 40 })
        // The first refresh may read back what was written just before the first load (the overlap).
        await harness.advance(by: .seconds(30))
        let before = harness.source.counts
        for _ in 0..<4 { await harness.advance(by: .seconds(30)) }
        let quiet = harness.source.counts
        #expect(quiet.changedQueries >= before.changedQueries + 4)
        #expect(quiet.changedItemsRead == before.changedItemsRead, "a quiet refresh reads no order item")
        // The first load read the newest orders through the recent-orders index: no scan at all.
        #expect(quiet.orderScans == 0 && quiet.recentQueries == 1 && quiet.recentItemsRead == 40)

        // One order changes: the next refresh reads that one, and the screen shows it.
        let now = harness.clock.now()
        harness.source.update { data in
            var attributes = data.orders[5].attributes
            attributes["orderStatus"] = .s("CANCELLED")
            attributes["updatedAt"] = .s(ISO8601.format(now))
            data.orders[5] = Order(item: attributes)
        }
        let id = harness.source.withData { $0.orders[5].id }
        await harness.advance(by: .seconds(30))
        #expect(await harness.waitFor { $0.state.orders.index.orders.first { $0.id == id }?.status == "CANCELLED" })
        #expect(harness.source.counts.changedItemsRead == quiet.changedItemsRead + 1)
        #expect(harness.source.counts.orderScans == 0)
    }

    /// Memory bounded (issue 16): the dashboard holds the newest `order_window` orders, says so,
    /// pages older ones in when the operator scrolls past the end, and keeps them as new orders
    /// arrive and push the window on.
    @Test func theDashboardHoldsAWindowOfTheNewestOrdersAndPagesInOlderOnes() async throws {
        var data = DashboardHarness.standardData(orders: 2500)
        data.hasChangedIndex = true
        data.hasRecentIndex = true
        let harness = DashboardHarness(width: 120, height: 24, data: data, orderWindow: 1000)
        #expect(await harness.waitFor { $0.state.orders.index.count == 1000 && !$0.state.orders.loading })
        let newest = Set(
            Order.sorted(data.orders, by: .created, descending: true).prefix(1000).map(\.id))
        #expect(Set(harness.state.orders.index.orders.map(\.id)) == newest)
        #expect(harness.screen.contains("window: newest 1,000 (older: scroll past the end)"), "\(harness.screen)")

        // Scrolling to the last row pages in the next 1,000 older orders.
        harness.press(.character("G"))
        #expect(await harness.waitFor { $0.state.orders.index.count == 2000 })
        let paged = Set(Order.sorted(data.orders, by: .created, descending: true).prefix(2000).map(\.id))
        #expect(Set(harness.state.orders.index.orders.map(\.id)) == paged)
        // The first load read the window (and one more, to know there are older ones); the page 1,000.
        #expect(harness.source.counts.recentItemsRead == 1001 + 1000)

        // A new order arrives: it joins, the paged-in ones stay, the window moves on by one.
        var item = FixedData.orders(1)[0].attributes
        item["id"] = .s("fresh-order")
        item["createdAt"] = .s(ISO8601.format(harness.clock.now()))
        let fresh = Order(item: item)
        harness.source.update { $0.orders.append(fresh) }
        await harness.advance(by: .seconds(30))
        #expect(await harness.waitFor { $0.state.orders.index.orders.contains { $0.id == fresh.id } })
        #expect(harness.state.orders.index.count == 2000)
        #expect(harness.source.counts.orderScans == 0)
    }

    @Test func throttlingReportedByTheClientShowsInTheHeader() async {
        let harness = DashboardHarness(width: 100, height: 24)
        #expect(await harness.waitFor { $0.line(0).contains("live") })
        await harness.settle()
        harness.source.emit(.retrying(operation: "DynamoDB Scan", attempt: 1, delay: .seconds(8), throttled: true))
        #expect(await harness.waitFor { $0.line(0).contains("throttled, backing off 8 s") })
    }

    @Test func jumpingToAnOrderThatIsNotLoadedLooksItUpByKey() async throws {
        var data = DashboardHarness.standardData(orders: 41)
        let late = data.orders.removeLast()
        let harness = DashboardHarness(data: data)
        #expect(await harness.waitFor { $0.state.executions.visible.count == 41 && $0.state.orders.index.count == 40 })
        // The order's item is written after the list was loaded.
        harness.source.update { $0.orders.append(late) }
        harness.press(.character("2"))
        let row = try #require(harness.state.executions.visible.firstIndex { $0.name == late.id.rawValue })
        for _ in 0..<row { harness.press(.down) }
        harness.press(.enter)
        #expect(await harness.waitFor { $0.state.execution.execution != nil })
        harness.press(.character("o"))
        #expect(await harness.waitFor { $0.state.screen == .orders && $0.state.orders.selectedOrder?.id == late.id })
        #expect(harness.source.counts.orderLookups == 1)
        #expect(!harness.screen.contains("no order"))
        #expect(harness.screen.contains(late.id.rawValue))
    }

    @Test func logsOpenedFromAnExecutionFollowItAndSayWhy() async throws {
        let harness = DashboardHarness(width: 160, height: 30)
        #expect(await harness.waitFor { $0.state.logs.lines.count == FixedData.logEvents.count })
        let arn = FixedData.failedRecords[0].executionArn
        harness.press(.character("3"))
        let row = try #require(harness.state.logs.visible.firstIndex { $0.record?.executionArn == arn })
        harness.press(.home)
        for _ in 0..<row { harness.press(.down) }
        harness.press(.character("o"))
        #expect(harness.state.screen == .execution)
        harness.press(.character("l"))
        #expect(harness.screen.contains("following"))
        #expect(!harness.screen.contains("PAUSED"))
        #expect(harness.screen.contains("only execution fx-2"))
        #expect(harness.state.logs.selected?.record?.event.type == "ExecutionFailed")
    }
}
