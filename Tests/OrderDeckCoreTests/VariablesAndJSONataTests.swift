import AWSClient
import AWSServices
import Foundation
import OrderDeckCore
import TestSupport
import Testing

/// Variables and JSONata (issue 27) against the histories recorded on real AWS: every state that
/// assigned variables shows them on the timeline, every failed evaluation names its field, and
/// the variables in scope at a state are what the states before it on its path assigned. Each
/// is checked against the raw events read on their own (JSONSerialization), not the builder.
@Suite struct VariablesAndJSONataTests {
    static func records() throws -> [(saved: SavedHistory, raw: [String: Any])] {
        let data = try Data(contentsOf: SharedFixtures.recordedHistories)
        let saved = try SavedHistory.parse(data)
        let raw = try data.split(separator: UInt8(ascii: "\n")).map {
            try #require(try JSONSerialization.jsonObject(with: Data($0)) as? [String: Any])
        }
        return Array(zip(saved, raw))
    }

    /// The `…StateEntered` event a state's exit belongs to, walked back through the raw chain.
    static func entered(for exit: [String: Any], _ oracle: HistoryOracle) -> Int? {
        let type = HistoryOracle.type(exit)
        let name = HistoryOracle.details(exit)["name"] as? String
        if let kind = ["Map", "Parallel"].first(where: { type == "\($0)StateExited" }) {
            return oracle.enteredEvent(kind: kind, from: oracle.previous(exit))?["id"] as? Int
        }
        var current = oracle.previous(exit)
        while let here = current {
            if HistoryOracle.type(here).hasSuffix("StateEntered"),
                HistoryOracle.details(here)["name"] as? String == name
            {
                return here["id"] as? Int
            }
            current = oracle.previous(here)
        }
        return nil
    }

    @Test func everyAssignmentOfEveryRecordedHistoryIsOnItsState() throws {
        var histories = 0
        var assignments = 0
        for (saved, record) in try Self.records() {
            let events = record["events"] as? [[String: Any]] ?? []
            let exits = events.filter {
                HistoryOracle.type($0).hasSuffix("StateExited")
                    && HistoryOracle.details($0)["assignedVariables"] != nil
            }
            guard !exits.isEmpty else { continue }
            histories += 1
            let oracle = HistoryOracle(record: record)
            let timeline = Timeline(events: saved.events)
            let label = record["test"] as? String ?? "?"
            let steps = Dictionary(timeline.allSteps.map { ($0.enteredEventId, $0) }, uniquingKeysWith: { a, _ in a })
            for exit in exits {
                let details = HistoryOracle.details(exit)
                let expected = details["assignedVariables"] as? [String: String] ?? [:]
                let truncated = (details["assignedVariablesDetails"] as? [String: Any])?["truncated"] as? Bool ?? false
                let id = try #require(Self.entered(for: exit, oracle), "\(label): no state entered for \(exit)")
                let step = try #require(steps[id], "\(label): no step entered at \(id)")
                #expect(step.assigned?.values == expected, "\(label): \(step.name)")
                #expect(step.assigned?.truncated == truncated, "\(label): \(step.name)")
                assignments += 1
            }
            // Nothing else claims to have assigned anything.
            #expect(timeline.assignments.count == exits.count, "\(label)")
        }
        print("recorded AWS histories: \(histories) assign variables, \(assignments) assignments shown")
        #expect(histories >= 30 && assignments >= 40)
    }

    @Test func everyFailedEvaluationNamesItsStateAndField() throws {
        var failed = 0
        for (saved, record) in try Self.records() {
            let events = record["events"] as? [[String: Any]] ?? []
            guard let evaluation = events.last(where: { HistoryOracle.type($0) == "EvaluationFailed" }) else {
                continue
            }
            failed += 1
            let details = HistoryOracle.details(evaluation)
            let label = record["test"] as? String ?? "?"
            let timeline = Timeline(events: saved.events)
            let failure = try #require(timeline.failure, "\(label)")
            #expect(failure.culprit == details["state"] as? String, "\(label)")
            #expect(failure.error == details["error"] as? String, "\(label)")
            // The field where AWS gives one; none invented where it does not.
            #expect(failure.location == details["location"] as? String, "\(label)")
            let step = try #require(timeline.allSteps.last { $0.name == details["state"] as? String })
            #expect(step.errorLocation == details["location"] as? String && step.failed, "\(label)")
            if let location = details["location"] as? String {
                #expect(step.resultText(duration: { _ in "" }).contains(" at \(location)"), "\(label)")
            }
        }
        #expect(failed >= 27)
    }

    @Test func scopeIsWhatCameBeforeOnThePath() throws {
        let map = try RecordedHistoriesTests.timeline(named: "test_base_cases[BASE_SCOPE_MAP]")
        let inner = try #require(map.allSteps.first { $0.name == "Inner" })
        // An iteration sees its parent's scope; its own assignment is not in scope before it.
        #expect(map.variablesInScope(at: inner.enteredEventId).map(\.name) == ["items", "x"])
        #expect(map.variablesInScope(at: inner.enteredEventId).first?.assignedBy == "State0")
        // After the Map, what an iteration assigned is not seen.
        let last = try #require(map.steps.last)
        #expect(last.name == "State2")
        #expect(map.variablesInScope(at: last.enteredEventId).map(\.name) == ["items", "x"])
        #expect(map.variablesInScope(at: map.steps[0].enteredEventId).isEmpty)

        let sampled = try RecordedHistoriesTests.timeline(named: "test_map_state_items_variable_sampling[number]")
        let failedMap = try #require(sampled.steps.last)
        #expect(
            sampled.variablesInScope(at: failedMap.enteredEventId).map { "\($0.name)=\($0.value)" } == ["ItemsVar=1"])

        let parallel = try RecordedHistoriesTests.timeline(named: "test_base_parallel_cases[BASE_SCOPE_PARALLEL]")
        for branch in parallel.steps.flatMap(\.children) {
            let first = try #require(branch.steps.first)
            let seen = Set(parallel.variablesInScope(at: first.enteredEventId).map(\.name))
            let before = Set(parallel.steps.prefix { !$0.hasChildren }.compactMap(\.assigned).flatMap(\.names))
            #expect(seen == before)
        }
    }

    @Test func aLaterAssignmentWins() {
        let history = SyntheticHistory()
            .entering("Pass", "A").with([("PassStateExited", ["name": "A"])])
            .with([("PassStateEntered", ["name": "B"]), ("PassStateExited", ["name": "B"])])
            .with([("PassStateEntered", ["name": "C"])])
        var events = history.events
        func assign(_ id: Int, _ values: [(String, JSONValue)], truncated: Bool = false) {
            events[id - 1].details = .object(
                [("name", events[id - 1].details["name"] ?? .null), ("assignedVariables", .object(values))]
                    + (truncated ? [("assignedVariablesDetails", .object([("truncated", .bool(true))]))] : []))
        }
        assign(3, [("x", .string("1")), ("y", .string("\"a\""))])
        assign(5, [("x", .string("2"))], truncated: true)
        let timeline = Timeline(events: events)
        let c = timeline.steps[2]
        let scope = timeline.variablesInScope(at: c.enteredEventId)
        #expect(scope.map { "\($0.name)=\($0.value) by \($0.assignedBy)" } == ["x=2 by B", "y=\"a\" by A"])
        #expect(scope.first?.truncated == true)
        #expect(timeline.steps[1].assigned?.text == "x=2 (truncated)")
    }

    @Test func queryLanguageOfADefinition() throws {
        let mixed = try #require(
            MachineQueryLanguages(
                definition: """
                    {"StartAt":"A","States":{
                      "A":{"Type":"Pass","QueryLanguage":"JSONata","Next":"M"},
                      "M":{"Type":"Map","ItemProcessor":{"StartAt":"In","States":{"In":{"Type":"Pass","QueryLanguage":"JSONata","End":true}}},"Next":"P"},
                      "P":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Pass","End":true}}}],"End":true}}}
                    """))
        #expect(
            mixed.machine == .jsonPath && mixed.language(of: "In") == .jsonata && mixed.language(of: "B") == .jsonPath)
        #expect(mixed.text == "JSONPath (JSONata in A, In)")
        let jsonata = try #require(
            MachineQueryLanguages(
                definition: #"{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Succeed"}}}"#))
        #expect(jsonata.text == "JSONata" && jsonata.language(of: "A") == .jsonata)
        #expect(MachineQueryLanguages(definition: "not json") == nil)
    }
}
