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

    /// `history` reads a Standard execution from its history alone: for every recording, the record
    /// agrees with the fields the recording's maker took from the events on its own.
    /// AWS names each event's previous one: nothing is inferred in any recorded history, and the
    /// same history with the links taken out (as MiniStack sends it) says how many it inferred.
    @Test func attributionIsInferredOnlyWhereNoPreviousEventIsNamed() throws {
        let saved = try SavedHistory.parse(try Data(contentsOf: SharedFixtures.recordedHistories))
        for history in saved {
            #expect(Timeline(events: history.events).inferredEvents == 0, "\(history.events.first?.type ?? "?")")
        }
        let history = try #require(saved.first { $0.events.count > 10 })
        let unlinked = history.events.map { event -> ExecutionEvent in
            var copy = event
            copy.previousEventId = 0
            return copy
        }
        let inferred = Timeline(events: unlinked).inferredEvents
        #expect(inferred > 0 && inferred < history.events.count, "\(inferred) of \(history.events.count)")
    }

    @Test func aStandardRecordIsReadOffItsHistory() throws {
        let data = try Data(contentsOf: SharedFixtures.recordedHistories)
        let saved = try SavedHistory.parse(data)
        let raw = try data.split(separator: UInt8(ascii: "\n")).map {
            try #require(try JSONSerialization.jsonObject(with: Data($0)) as? [String: Any])
        }
        var statuses: Set<ExecutionStatus> = []
        for (history, record) in zip(saved, raw) {
            let arn = try #require(record["execution_arn"] as? String)
            let execution = Execution(standardHistory: history.events, arn: ExecutionARN(arn))
            let label = record["test"] as? String ?? "?"
            statuses.insert(execution.status)
            #expect(execution.status.rawValue == record["status"] as? String, "\(label)")
            #expect(execution.input == record["input"] as? String, "\(label)")
            #expect(execution.output == record["output"] as? String, "\(label)")
            #expect(execution.error == record["error"] as? String, "\(label)")
            #expect(execution.cause == record["cause"] as? String, "\(label)")
            #expect(execution.startDate?.timeIntervalSince1970 == record["start_date"] as? Double, "\(label)")
            #expect(execution.stopDate?.timeIntervalSince1970 == record["stop_date"] as? Double, "\(label)")
        }
        #expect(statuses == [.succeeded, .failed, .running, .aborted])

        // Redriven after its failure, it runs again; its next end is the one that counts.
        let failed = try #require(saved.first { $0.events.last?.type == "ExecutionFailed" })
        let last = try #require(failed.events.last)
        let redriven = ExecutionEvent(
            id: last.id + 1, previousEventId: 0, type: "ExecutionRedriven",
            timestamp: last.timestamp.addingTimeInterval(5), details: .object([]))
        let arn = failed.execution.arn
        let running = Execution(standardHistory: failed.events + [redriven], arn: arn)
        #expect(running.status == .running && running.stopDate == nil && running.error == nil)
        let succeeded = ExecutionEvent(
            id: last.id + 2, previousEventId: last.id + 1, type: "ExecutionSucceeded",
            timestamp: last.timestamp.addingTimeInterval(9), details: .object([("output", .string("{}"))]))
        let ended = Execution(standardHistory: failed.events + [redriven, succeeded], arn: arn)
        #expect(ended.status == .succeeded && ended.output == "{}" && ended.stopDate == succeeded.timestamp)
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
