import Foundation
import OrderDeckCore
import TestSupport
import Testing

/// `history` of a redriven execution (issue 27): each redrive a section of its own, the states
/// it ran under it; the JSON says each state's run. In-process, from a saved history.
@Suite struct RedriveHistoryTextTests {
    /// As get-execution-history writes it: failed in Charge, redriven, Charge again, then Complete.
    static let saved = """
        {"executionArn":"arn:aws:states:us-east-1:123456789012:execution:OrderWorkflow:o-9","events":[
        {"id":1,"previousEventId":0,"type":"ExecutionStarted","timestamp":1790000000,"executionStartedEventDetails":{"input":"{}"}},
        {"id":2,"previousEventId":1,"type":"TaskStateEntered","timestamp":1790000001,"stateEnteredEventDetails":{"name":"Charge","input":"{}"}},
        {"id":3,"previousEventId":2,"type":"TaskFailed","timestamp":1790000002,"taskFailedEventDetails":{"error":"Payment.Declined","resource":"x","resourceType":"lambda"}},
        {"id":4,"previousEventId":3,"type":"ExecutionFailed","timestamp":1790000002,"executionFailedEventDetails":{"error":"Payment.Declined"}},
        {"id":5,"previousEventId":4,"type":"ExecutionRedriven","timestamp":1790003600,"executionRedrivenEventDetails":{"redriveCount":1}},
        {"id":6,"previousEventId":5,"type":"TaskStateEntered","timestamp":1790003601,"stateEnteredEventDetails":{"name":"Charge","input":"{}"}},
        {"id":7,"previousEventId":6,"type":"TaskStateExited","timestamp":1790003602,"stateExitedEventDetails":{"name":"Charge","output":"{}"}},
        {"id":8,"previousEventId":7,"type":"PassStateEntered","timestamp":1790003602,"stateEnteredEventDetails":{"name":"Complete","input":"{}"}},
        {"id":9,"previousEventId":8,"type":"PassStateExited","timestamp":1790003603,"stateExitedEventDetails":{"name":"Complete","output":"{}"}},
        {"id":10,"previousEventId":9,"type":"ExecutionSucceeded","timestamp":1790003603,"executionSucceededEventDetails":{"output":"{}"}}
        ]}
        """

    @Test func eachRedriveIsItsOwnSection() async throws {
        let state = try TemporaryDirectory("inproc-redriven")
        defer { state.remove() }
        let file = try state.write("history.json", Self.saved)
        let cli = InProcessCLI(state)
        let text = await cli.run(["history", "--file", file])
        #expect(text.status == 0, "\(text.stderr)")
        let lines = text.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.contains("status: SUCCEEDED") && $0.contains("redriven 1x") }, "\(text.stdout)")
        let heading = try #require(lines.firstIndex { $0.hasPrefix("── redrive 1 at ") }, "\(text.stdout)")
        let before = lines[..<heading].filter { $0.hasPrefix("Charge") || $0.hasPrefix("Complete") }
        let after = lines[heading...].filter { $0.hasPrefix("Charge") || $0.hasPrefix("Complete") }
        #expect(before.count == 1 && before[0].contains("FAILED Payment.Declined"), "\(text.stdout)")
        #expect(after.count == 2 && after[0].hasPrefix("Charge") && after[1].hasPrefix("Complete"), "\(text.stdout)")

        let json = await cli.run(["history", "--file", file, "--output", "json"])
        let object = try JSONValue.parse(json.stdout)
        guard case .array(let steps)? = object["timeline"] else {
            Issue.record("no timeline in \(json.stdout)")
            return
        }
        #expect(steps.map { $0["run"] } == [.number("0"), .number("1"), .number("1")])
        #expect(object["execution"]?["redriveCount"] == .number("1"))
    }
}
