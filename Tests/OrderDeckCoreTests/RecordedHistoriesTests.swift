import Foundation
import OrderDeckCore
import TestSupport
import Testing

/// The timeline against 403 histories recorded on real AWS, checked by an oracle that reads the
/// raw events on its own (JSONSerialization, `previousEventId` walks) — not by the builder's logic.
@Suite struct RecordedHistoriesTests {
    @Test func everyRecordedHistoryRendersFaithfully() throws {
        let data = try Data(contentsOf: SharedFixtures.recordedHistories)
        let saved = try SavedHistory.parse(data)
        let raw = try data.split(separator: UInt8(ascii: "\n")).map {
            try #require(try JSONSerialization.jsonObject(with: Data($0)) as? [String: Any])
        }
        #expect(saved.count == raw.count)
        #expect(raw.count >= 400)
        var faithful = 0
        for (history, record) in zip(saved, raw) {
            let problems = HistoryOracle(record: record).problems(
                in: RenderedTimeline(Timeline(events: history.events)))
            if problems.isEmpty {
                faithful += 1
            } else {
                Issue.record("\(record["test"] ?? "?"): \(problems.joined(separator: "; "))")
            }
        }
        print("recorded AWS histories: \(faithful)/\(raw.count) histories faithful")
        #expect(faithful == raw.count)
    }

    @Test func aRetriedMapCountsItsAttemptsAndNamesTheFailingIteration() throws {
        let timeline = try Self.timeline(named: "test_map_state_retry")
        let map = try #require(timeline.steps.first { $0.kind == "Map" })
        #expect(map.retries == 2)
        #expect(map.outcome == .failed)
        #expect(map.children.count == 3)
        #expect(map.summary?.total == 1 && map.summary?.failed == 1)
        #expect(timeline.failure?.path == ["MapState", "iteration 0 (attempt 3)", "HandleItemFail"])
        #expect(timeline.failure?.error == "HandleItemFailError")
    }

    @Test func aFailingParallelBranchIsNamed() throws {
        let timeline = try Self.timeline(named: "test_parallel_state_fail")
        let parallel = try #require(timeline.steps.first)
        #expect(parallel.kind == "Parallel" && parallel.outcome == .failed)
        #expect(timeline.failure?.path == ["ParallelState", "branch 0", "Branch1"])
        #expect(timeline.failure?.error == "FailureType")
    }

    @Test func anAbortedExecutionLeavesNothingRunning() throws {
        let timeline = try Self.timeline(named: "test_stop_execution")
        #expect(timeline.status == .aborted)
        #expect(timeline.steps.map(\.outcome) == [.aborted])
    }

    static func timeline(named test: String) throws -> Timeline {
        let data = try Data(contentsOf: SharedFixtures.recordedHistories)
        let lines = data.split(separator: UInt8(ascii: "\n"))
        let line = try #require(lines.first { String(decoding: $0, as: UTF8.self).contains("::\(test)\"") })
        let saved = try #require(try SavedHistory.parse(Data(line)).first)
        return Timeline(events: saved.events)
    }
}
