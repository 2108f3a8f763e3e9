import AWSClient
import Foundation
import OrderDeckCore
import TestSupport
import Testing

/// Every `HistoryEventType` in the Step Functions service model (botocore's, on this machine) has
/// a role and a visible effect on the timeline, each in the history it naturally appears in.
@Suite struct HistoryEventTypeTests {
    static let types: [String] = (try? SharedFixtures.historyEventTypes()) ?? []

    @Test func theServiceModelIsReadable() {
        #expect(Self.types.count >= 62, "botocore's stepfunctions model not found in the machine's python3")
    }

    @Test(arguments: types) func eachTypeShowsOnTheTimeline(_ type: String) throws {
        let role = try #require(HistoryEventRole(type: type), "no role for \(type): it would vanish from timelines")
        let history = SyntheticHistory()
        switch role {
        case .executionStarted:
            let timeline = history.with([(type, [:])]).timeline
            #expect(timeline.startedAt != nil && timeline.steps.isEmpty)
        case .executionEnded(let status):
            let timeline = history.entering("Pass", "A").with([(type, ["error": "E", "cause": "C"])]).timeline
            #expect(timeline.status == status)
            #expect(timeline.steps.allSatisfy { $0.outcome != .running })
            if status == .failed || status == .timedOut {
                #expect(timeline.failure?.state == "A" && timeline.failure?.error == "E")
            }
        case .executionRedriven:
            let timeline = history.entering("Task", "A").with([("ExecutionFailed", ["error": "E"]), (type, [:])])
                .timeline
            #expect(timeline.redrives == 1 && timeline.status == .running)
        case .stateEntered(let kind):
            let timeline = history.with([(type, ["name": "S", "input": "{}"])]).timeline
            #expect(timeline.steps.map(\.name) == ["S"] && timeline.steps.first?.kind == kind)
            #expect(timeline.steps.first?.input == "{}")
        case .stateExited(let kind):
            let timeline = history.entering(kind, "S").with([(type, ["name": "S", "output": "{\"ok\":1}"])]).timeline
            #expect(timeline.steps.first?.outcome == .succeeded && timeline.steps.first?.output == "{\"ok\":1}")
        case .stateAborted(let kind):
            let timeline = history.entering(kind, "S").with([(type, [:])]).timeline
            #expect(timeline.steps.first?.outcome == .aborted && timeline.steps.first?.exited != nil)
        case .attemptStarted(let kind):
            let timeline = history.entering(kind, "S").with([(type, ["length": 3])]).timeline
            #expect(timeline.steps.first?.attempts == 1 && timeline.steps.first?.outcome == .running)
            if kind == "Map" { #expect(timeline.steps.first?.itemCount == 3) }
        case .attemptSucceeded(let kind):
            let timeline = history.entering(kind, "S").with([("\(kind)StateStarted", [:]), (type, [:])]).timeline
            #expect(timeline.steps.first?.outcome == .succeeded)
        case .attemptFailed(let kind):
            let timeline = history.entering(kind, "S").with([("\(kind)StateStarted", [:]), (type, [:])]).timeline
            #expect(timeline.steps.first?.outcome == .failed)
        case .task(let phase):
            let details: [String: Any] =
                phase == .failed || phase == .timedOut ? ["error": "Boom", "cause": "why"] : ["resource": "putItem"]
            let step = try #require(history.entering("Task", "S").with([(type, details)]).timeline.steps.first)
            switch phase {
            case .scheduled: #expect(step.attempts == 1 && step.resource == "putItem")
            case .failed, .timedOut: #expect(step.error == "Boom" && step.cause == "why")
            case .started, .submitted, .succeeded: #expect(step.outcome == .running && step.error == nil)
            }
        case .iterationStarted:
            let map = try #require(
                history.entering("Map", "M").with([
                    ("MapStateStarted", ["length": 1]), (type, ["name": "M", "index": 0]),
                    ("PassStateEntered", ["name": "Inner"]),
                ]).timeline.steps.first)
            #expect(map.children.map(\.index) == [0] && map.children.first?.steps.map(\.name) == ["Inner"])
        case .iterationEnded(let outcome):
            let map = try #require(
                history.entering("Map", "M").with([
                    ("MapStateStarted", ["length": 1]), ("MapIterationStarted", ["name": "M", "index": 0]),
                    (type, ["name": "M", "index": 0]),
                ]).timeline.steps.first)
            #expect(map.children.first?.outcome == outcome)
        case .mapRunStarted, .mapRunEnded, .mapRunRedriven:
            var events: [(String, [String: Any])] = [
                ("MapStateStarted", ["length": 0]), ("MapRunStarted", ["mapRunArn": "arn:run"]),
            ]
            if type != "MapRunStarted" { events.append((type, ["error": "E"])) }
            let run = try #require(history.entering("Map", "M").with(events).timeline.steps.first?.mapRun)
            #expect(run.arn == "arn:run")
            if case .mapRunEnded(let outcome) = role { #expect(run.outcome == outcome) }
            if case .mapRunRedriven = role { #expect(run.redrives == 1 && run.outcome == .running) }
        case .evaluationFailed:
            let step = try #require(
                history.entering("Pass", "S").with([(type, ["state": "S", "error": "States.QueryEvaluationError"])])
                    .timeline.steps.first)
            #expect(step.outcome == .failed && step.error == "States.QueryEvaluationError")
        }
    }

    @Test func anUnknownTypeIsKeptNotDropped() {
        let timeline = SyntheticHistory().entering("Pass", "A").with([("BrandNewThing", [:])]).timeline
        #expect(HistoryEventRole(type: "BrandNewThing") == nil)
        #expect(timeline.unknownEventTypes == ["BrandNewThing"])
        #expect(timeline.steps.map(\.name) == ["A"])
    }
}

/// A history built event by event, each chained to the one before (as AWS chains a linear run).
struct SyntheticHistory {
    var events: [ExecutionEvent] = []

    static func event(_ id: Int, previous: Int, _ type: String, _ details: [String: Any]) -> ExecutionEvent {
        let members = details.sorted { $0.key < $1.key }.map { key, value -> (String, JSONValue) in
            if let number = value as? Int { return (key, .number(String(number))) }
            return (key, .string("\(value)"))
        }
        return ExecutionEvent(
            id: id, previousEventId: previous, type: type,
            timestamp: Date(timeIntervalSince1970: 1_800_000_000 + Double(id)),
            details: .object(members))
    }

    func with(_ more: [(String, [String: Any])]) -> SyntheticHistory {
        var copy = self
        for (type, details) in more {
            let id = copy.events.count + 1
            copy.events.append(Self.event(id, previous: id - 1, type, details))
        }
        return copy
    }

    func entering(_ kind: StateKind, _ name: String) -> SyntheticHistory {
        with([("ExecutionStarted", [:]), ("\(kind)StateEntered", ["name": name])])
    }

    var timeline: Timeline { Timeline(events: events) }
}
