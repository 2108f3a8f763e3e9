import AWSClient
import AWSServices
import Foundation
import OrderDeckCore
import OrderDeckUI
import TerminalUI
import TestSupport
import Testing

/// Issue 28: where the ORDER table has a stream, an order written shows at the next GetRecords
/// round (a second when quiet) — from the record's image, else read by key — not at the timed
/// read; a table without one keeps the timed reads and the Orders header says which. In process:
/// the fake source, a manual clock.
@Suite struct OrderStreamRefreshTests {
    static let id = "o-stream-1"

    /// The standard data with nothing running (the lists on their slow cadence), and a stream.
    static func streamedData() -> FakeDashboardSource.Data {
        var data = LogTriggeredRefreshTests.settledData()
        data.hasOrderStream = true
        return data
    }

    static func order(status: String) -> Order {
        Order(item: [
            "user_id": .s("zoe"), "id": .s(id), "orderStatus": .s(status),
            "createdAt": .s(ISO8601.format(FixedData.now)), "amount": .n("12.50"), "currency": .s("EUR"),
        ])
    }

    /// The Orders header line.
    static func header(_ harness: DashboardHarness) -> String {
        harness.screen.split(separator: "\n").first { $0.contains(" orders  ") }.map(String.init) ?? ""
    }

    /// The standard data's five parked feeds, and the stream's round.
    static let parkedWithStream = 6

    @Test func aStreamRecordShowsTheOrderBeforeTheTimedRead() async throws {
        let harness = DashboardHarness(width: 200, height: 30, data: Self.streamedData())
        await harness.settle(parked: Self.parkedWithStream)
        #expect(await harness.waitFor { Self.header($0).hasSuffix("changes: stream") })
        let before = harness.source.counts
        // The workflow writes the order; the stream carries it whole (NEW_IMAGE).
        let written = Self.order(status: "PENDING")
        harness.source.update { data in
            data.orders.append(written)
            data.streamChanges.append(OrderChange(id: OrderID(Self.id), userId: "zoe", order: written))
        }
        // One stream round comes due; the orders feed waits two seconds or more.
        harness.clock.advance(by: .seconds(1))
        #expect(await harness.waitFor { $0.state.orders.visible.contains { $0.id.rawValue == Self.id } })
        let after = harness.source.counts
        #expect(after.streamPolls > before.streamPolls)
        // Shown from the record: no read of the order or the table.
        #expect(after.orderLookups == before.orderLookups && after.orderScans == before.orderScans)
        #expect(after.changedQueries == before.changedQueries && after.recentQueries == before.recentQueries)
    }

    /// Advances the clock a second at a time, letting every feed that came due run.
    static func quietly(_ harness: DashboardHarness, seconds: Int) async {
        for _ in 0..<seconds {
            harness.clock.advance(by: .seconds(1))
            await harness.settle(parked: Self.parkedWithStream)
        }
    }

    @Test func idleRoundsGrowRarerAndAnExecutionStartWakesThem() async throws {
        #expect(Refresher.quietWait(after: 0) == .seconds(1) && Refresher.quietWait(after: 14) == .seconds(1))
        #expect(Refresher.quietWait(after: 15) == .seconds(2) && Refresher.quietWait(after: 300) == .seconds(5))
        let harness = DashboardHarness(width: 200, height: 30, data: Self.streamedData())
        await harness.settle(parked: Self.parkedWithStream)
        // The first ten quiet seconds: a round a second.
        let start = harness.source.counts.streamPolls
        await Self.quietly(harness, seconds: 10)
        let early = harness.source.counts.streamPolls - start
        #expect(early >= 9 && early <= 11, "\(early) rounds in the first 10 s")
        // After a minute and more of quiet: a round every five seconds.
        await Self.quietly(harness, seconds: 60)
        let late = harness.source.counts.streamPolls
        await Self.quietly(harness, seconds: 20)
        let rare = harness.source.counts.streamPolls - late
        #expect(rare >= 3 && rare <= 5, "\(rare) rounds in 20 s after a quiet minute")

        // An execution starts: its first log record wakes the quick rounds, so the order its
        // workflow writes next is read within a quarter second, not the idle five.
        let base = Int64(FixedData.now.timeIntervalSince1970 * 1000)
        harness.source.update { data in
            data.logLines.append(
                LogTriggeredRefreshTests.record(
                    1, "ExecutionStarted", details: #"{"input":"{\"id\":\"o-stream-1\",\"user_id\":\"zoe\"}"}"#,
                    at: base))
        }
        let woken = harness.source.counts.streamPolls
        // The tail's round (a second and a half at most) reads the record, then a quick round.
        harness.clock.advance(by: .milliseconds(1500))
        await harness.settle(parked: Self.parkedWithStream)
        harness.clock.advance(by: .milliseconds(250))
        await harness.settle(parked: Self.parkedWithStream)
        // Idle (nothing written yet), at most one round could have come due in 1.75 s.
        #expect(harness.source.counts.streamPolls - woken >= 2, "\(harness.source.counts.streamPolls - woken)")
        let written = Self.order(status: "PENDING")
        harness.source.update { data in
            data.orders.append(written)
            data.streamChanges.append(OrderChange(id: OrderID(Self.id), userId: "zoe", order: written))
        }
        // (Five seconds: the idle wait at most, so a broken wake fails above rather than hangs here.)
        harness.clock.advance(by: .seconds(5))
        #expect(await harness.waitFor { $0.state.orders.visible.contains { $0.id.rawValue == Self.id } })
    }

    @Test func aRecordWithoutTheItemReadsThatOrderByKey() async throws {
        let harness = DashboardHarness(width: 200, height: 30, data: Self.streamedData())
        await harness.settle(parked: Self.parkedWithStream)
        let before = harness.source.counts
        harness.source.update { data in
            data.orders.append(Self.order(status: "COMPLETED"))
            // A keys-only stream: which order, not what it holds.
            data.streamChanges.append(OrderChange(id: OrderID(Self.id), userId: "zoe"))
        }
        harness.clock.advance(by: .seconds(1))
        #expect(await harness.waitFor { $0.state.orders.visible.contains { $0.id.rawValue == Self.id } })
        let after = harness.source.counts
        #expect(after.orderLookups == before.orderLookups + 1)
        #expect(after.orderScans == before.orderScans && after.changedQueries == before.changedQueries)
        #expect(harness.state.orders.visible.first { $0.id.rawValue == Self.id }?.status == .completed)
    }

    @Test func aTableWithoutAStreamKeepsTheTimedReadsAndSaysSo() async throws {
        let harness = DashboardHarness(width: 200, height: 30, data: LogTriggeredRefreshTests.settledData())
        // No stream round parks: the standard five.
        await harness.settle(parked: 5)
        #expect(await harness.waitFor { Self.header($0).hasSuffix("timed reads: table ORDER has no stream") })
        harness.source.update { $0.orders.append(Self.order(status: "PENDING")) }
        // The timed read (two seconds) finds it.
        await harness.advance(by: .seconds(2), parked: 5)
        #expect(await harness.waitFor { $0.state.orders.visible.contains { $0.id.rawValue == Self.id } })
        #expect(harness.source.counts.streamPolls == 0)
    }

    @Test func theHeaderSaysTheFeedLastAndGivesWayToTheFilter() {
        var state = FixedData.state(screen: .orders, size: TerminalSize(width: 200, height: 30))
        state.apply(.ordersFeed(.stream))
        var buffer = ScreenBuffer(width: 200, height: 30)
        DashboardView.render(state, into: &buffer)
        let line = (0..<buffer.height).map(buffer.line).first { $0.contains(" orders  ") } ?? ""
        #expect(line.trimmingCharacters(in: .whitespaces).hasSuffix("changes: stream"))
        state.apply(.ordersFeed(.timedReads(reason: "table ORDER has no stream")))
        DashboardView.render(state, into: &buffer)
        let timed = (0..<buffer.height).map(buffer.line).first { $0.contains(" orders  ") } ?? ""
        #expect(timed.contains("timed reads: table ORDER has no stream"))
        #expect(!timed.contains("changes: stream"))
    }
}
