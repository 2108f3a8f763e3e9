import Foundation
import OrderDeckCore
import TestSupport
import Testing

/// The real binary renders all 403 histories recorded on real AWS (`history --file`), as JSON and
/// as a table, each checked by the oracle that reads the raw events on its own.
@Suite struct RecordedHistoriesCLITests {
    static func records() throws -> [[String: Any]] {
        try Data(contentsOf: SharedFixtures.recordedHistories).split(separator: UInt8(ascii: "\n")).map {
            try #require(try JSONSerialization.jsonObject(with: Data($0)) as? [String: Any])
        }
    }

    static func run(_ arguments: [String]) async throws -> CLIRunner.Result {
        let state = try TemporaryDirectory()
        return try await CLIRunner(stateDirectory: state.path).run(arguments)
    }

    @Test func jsonOfEveryRecordedHistoryIsFaithful() async throws {
        let records = try Self.records()
        let result = try await Self.run([
            "history", "--file", SharedFixtures.recordedHistories.path, "--output", "json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == records.count)
        var faithful = 0
        for (line, record) in zip(lines, records) {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let problems = HistoryOracle(record: record).problems(in: Self.rendered(object))
            if problems.isEmpty { faithful += 1 } else { Issue.record("\(record["test"] ?? "?"): \(problems)") }
        }
        print("history --output json: \(faithful)/\(records.count) histories faithful")
        #expect(faithful == records.count)
    }

    @Test func tableOfEveryRecordedHistoryIsFaithful() async throws {
        let records = try Self.records()
        let result = try await Self.run(["history", "--file", SharedFixtures.recordedHistories.path])
        #expect(result.status == 0, "\(result.stderr)")
        // One block per history, a blank line between (no table row is empty).
        let blocks = result.stdout.components(separatedBy: "\n\n")
        #expect(blocks.count == records.count)
        var faithful = 0
        for (block, record) in zip(blocks, records) {
            var problems: [String] = []
            let lines = block.split(separator: "\n").map(String.init)
            let status = record["status"] as? String ?? ""
            if lines.first != record["execution_arn"] as? String { problems.append("header names another execution") }
            if !(lines.count > 1 && lines[1].hasPrefix("status: \(status)")) { problems.append("status line") }
            let events = record["events"] as? [[String: Any]] ?? []
            // The timeline's rows: up to the variables the states assigned, when any did.
            let rows = lines.drop { !$0.hasPrefix("STATE ") }.dropFirst().prefix { $0 != "variables assigned:" }
                .filter { !$0.hasPrefix("drill in:") }
            // Every state entered at the top level has its row (rows in entry order).
            let oracle = HistoryOracle(record: record)
            let topLevel = events.filter {
                HistoryOracle.type($0).hasSuffix("StateEntered") && oracle.opener(of: $0) == nil
            }
            if rows.count != topLevel.count {
                problems.append("\(topLevel.count) top-level states, \(rows.count) rows")
            }
            for (row, event) in zip(rows, topLevel)
            where !row.hasPrefix((HistoryOracle.details(event)["name"] as? String ?? "?") + " ") {
                problems.append("row '\(row)' for \(HistoryOracle.details(event)["name"] ?? "?")")
            }
            if status != "RUNNING", rows.contains(where: { $0.contains(" running") }) {
                problems.append("a row still running")
            }
            if status == "FAILED" {
                let end = events.last { HistoryOracle.type($0) == "ExecutionFailed" }
                let culprit = end.flatMap { oracle.namedState(before: $0)?.name }
                let failedLine = lines.first { $0.hasPrefix("FAILED in ") }
                if let culprit, !(failedLine?.contains("\(culprit):") ?? false) {
                    problems.append("failure line '\(failedLine ?? "none")' should name \(culprit)")
                }
                if let error = end.flatMap({ HistoryOracle.details($0)["error"] as? String }),
                    !(failedLine?.contains(": \(error)") ?? false)
                {
                    problems.append("failure line should carry \(error)")
                }
            }
            if problems.isEmpty { faithful += 1 } else { Issue.record("\(record["test"] ?? "?"): \(problems)") }
        }
        print("history table: \(faithful)/\(records.count) histories faithful")
        #expect(faithful == records.count)
    }

    @Test func drillShowsIterationsThenOneIteration() async throws {
        let file = try TemporaryDirectory()
        let line = try Self.recordLine("test_map_state_retry")
        let path = file.path + "/retry.jsonl"
        try line.write(toFile: path, atomically: true, encoding: .utf8)
        let list = try await Self.run(["history", "--file", path, "--drill", "MapState"])
        #expect(list.status == 0)
        #expect(list.stdout.contains("MapState (Map): 1 iteration · 1 failed"))
        #expect(list.stdout.split(separator: "\n").filter { $0.hasPrefix("0 ") }.count == 3)  // three attempts
        let one = try await Self.run(["history", "--file", path, "--drill", "MapState:0@2"])
        #expect(one.stdout.contains("MapState › iteration 0 (attempt 2): FAILED in HandleItemFail"))
        let wrong = try await Self.run(["history", "--file", path, "--drill", "Nope:1"])
        #expect(wrong.status == 64)
        #expect(wrong.stderr == "orderdeck: no Map or Parallel state 'Nope' to drill into (MapState)\n")
        let outOfRange = try await Self.run(["history", "--file", path, "--drill", "MapState:7"])
        #expect(outOfRange.stderr.contains("MapState has no iteration 7 in attempt 3 (0–0)"))
    }

    @Test func aFileThatIsNotAHistorySaysSoInOneLine() async throws {
        let folder = try TemporaryDirectory()
        let path = folder.path + "/bad.json"
        try "{\"events\": []}\nnot json\n".write(toFile: path, atomically: true, encoding: .utf8)
        let result = try await Self.run(["history", "--file", path])
        #expect(result.status == 64)
        #expect(result.stderr == "orderdeck: \(path): line 2: not an execution history (an object with \"events\")\n")
        let missing = try await Self.run(["history", "--file", folder.path + "/none.json"])
        #expect(missing.status == 64 && missing.stderr.hasPrefix("orderdeck: cannot read "))
    }

    static func recordLine(_ test: String) throws -> String {
        let text = try String(contentsOf: SharedFixtures.recordedHistories, encoding: .utf8)
        return try #require(text.split(separator: "\n").first { $0.contains("::\(test)\"") }.map(String.init))
    }

    /// The CLI's JSON timeline as the oracle reads timelines.
    static func rendered(_ object: [String: Any]) -> RenderedTimeline {
        func step(_ json: [String: Any]) -> RenderedTimeline.Step {
            RenderedTimeline.Step(
                enteredEventId: json["enteredEventId"] as? Int ?? -1, name: json["name"] as? String ?? "",
                outcome: json["outcome"] as? String ?? "",
                children: (json["children"] as? [[String: Any]] ?? []).map { group in
                    let kind = group["kind"] as? String ?? ""
                    let index = group["index"] as? Int ?? -1
                    let attempt = group["attempt"] as? Int ?? 1
                    return RenderedTimeline.Group(
                        kind: kind, index: index,
                        label: "\(kind) \(index)" + (attempt > 1 ? " (attempt \(attempt))" : ""),
                        outcome: group["outcome"] as? String ?? "",
                        steps: (group["steps"] as? [[String: Any]] ?? []).map(step))
                })
        }
        let failure = object["failure"] as? [String: Any]
        return RenderedTimeline(
            steps: (object["timeline"] as? [[String: Any]] ?? []).map(step),
            failurePath: failure?["path"] as? [String] ?? [], failureError: failure?["error"] as? String)
    }
}
