import Foundation
import OrderDeckCore
import TestSupport
import Testing

/// `history` shows each state's assigned variables (table and JSON) and a failed evaluation's
/// field, for every recorded AWS history of the assign and JSONata families; `executions`
/// refuses a bad `--version` or `--alias` before contacting anything.
@Suite struct VariablesCLITests {
    /// The recorded histories that assign variables or fail an evaluation, as JSON lines.
    static func variableHistories() throws -> (lines: [String], records: [[String: Any]]) {
        let text = try String(contentsOf: SharedFixtures.recordedHistories, encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init).filter {
            $0.contains("\"assignedVariables\"") || $0.contains("\"EvaluationFailed\"")
        }
        let records = try lines.map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        return (lines, records)
    }

    static func exits(_ record: [String: Any]) -> [[String: Any]] {
        (record["events"] as? [[String: Any]] ?? []).filter { HistoryOracle.details($0)["assignedVariables"] != nil }
    }

    static func evaluation(_ record: [String: Any]) -> [String: Any]? {
        (record["events"] as? [[String: Any]] ?? []).last { HistoryOracle.type($0) == "EvaluationFailed" }
            .map(HistoryOracle.details)
    }

    @Test func historyShowsEveryAssignmentAndEveryFailedField() async throws {
        let (lines, records) = try Self.variableHistories()
        #expect(records.count >= 45)  // 30 assign, 27 fail an evaluation, 10 both
        let folder = try TemporaryDirectory("variables-cli")
        defer { folder.remove() }
        let path = folder.path + "/variables.jsonl"
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let cli = InProcessCLI(folder)

        let table = await cli.run(["history", "--file", path])
        #expect(table.status == 0, "\(table.stderr)")
        let blocks = table.stdout.components(separatedBy: "\n\n")
        #expect(blocks.count == records.count)
        for (block, record) in zip(blocks, records) {
            let label = record["test"] as? String ?? "?"
            let section = block.components(separatedBy: "variables assigned:\n").dropFirst().first ?? ""
            let exits = Self.exits(record)
            #expect(exits.isEmpty == section.isEmpty, "\(label)")
            for exit in exits {
                let details = HistoryOracle.details(exit)
                let state = details["name"] as? String ?? "?"
                for (name, value) in details["assignedVariables"] as? [String: String] ?? [:] {
                    // One row per variable: the state (at the end of its path), $name, the value (cut at 60).
                    let shown = value.count > 60 ? String(value.prefix(59)) : value
                    #expect(
                        section.split(separator: "\n").contains {
                            $0.contains("\(state) ") && $0.contains(" $\(name) ") && $0.contains(shown)
                        }, "\(label): \(state) $\(name)")
                }
            }
            if let evaluation = Self.evaluation(record), let location = evaluation["location"] as? String {
                #expect(block.contains("FAILED in "), "\(label)")
                #expect(block.contains("\(evaluation["error"] ?? "?") at \(location) — "), "\(label)")
            }
        }

        let json = await cli.run(["history", "--file", path, "--output", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let objects = try json.stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(objects.count == records.count)
        for (object, record) in zip(objects, records) {
            let label = record["test"] as? String ?? "?"
            var assigned: [String: [String: Any]] = [:]  // by entered event id
            func walk(_ steps: [[String: Any]]) {
                for step in steps {
                    if let variables = step["assignedVariables"] as? [String: Any] {
                        assigned["\(step["enteredEventId"] ?? "?")"] = variables
                    }
                    for group in step["children"] as? [[String: Any]] ?? [] {
                        walk(group["steps"] as? [[String: Any]] ?? [])
                    }
                }
            }
            walk(object["timeline"] as? [[String: Any]] ?? [])
            #expect(assigned.count == Self.exits(record).count, "\(label)")
            for variables in assigned.values {
                #expect(variables["truncated"] as? Bool == false && variables["values"] is [String: Any], "\(label)")
            }
            if let evaluation = Self.evaluation(record) {
                let failure = object["failure"] as? [String: Any]
                #expect(failure?["location"] as? String == evaluation["location"] as? String, "\(label)")
            }
        }
    }

    @Test func aBadVersionOrAliasIsRefusedFirst() async throws {
        let folder = try TemporaryDirectory("versions-cli")
        defer { folder.remove() }
        let cli = InProcessCLI(folder)
        let zero = await cli.run(["executions", "--version", "0"])
        #expect(zero.status == 64 && zero.stderr.contains("--version '0' is not a version number"), "\(zero.stderr)")
        let numeric = await cli.run(["executions", "--alias", "12"])
        #expect(
            numeric.status == 64 && numeric.stderr.contains("that is a version (--version 12)"), "\(numeric.stderr)")
        let both = await cli.run(["executions", "--version", "1", "--alias", "prod"])
        #expect(both.status == 64 && both.stderr.contains("give one"), "\(both.stderr)")
    }
}
