import Foundation
import OrderDeckCore
import TestSupport
import Testing

/// A redriven execution's timeline: each state knows the run it ran in (0 the first, n the nth
/// redrive), as the console sections a redriven history; the record counts its redrives.
@Suite struct RedriveTimelineTests {
    /// Failed in Charge, redriven, Charge ran again and succeeded; then Complete.
    static let history = SyntheticHistory().with([
        ("ExecutionStarted", ["input": "{}"]),
        ("PassStateEntered", ["name": "Write"]), ("PassStateExited", ["name": "Write"]),
        ("TaskStateEntered", ["name": "Charge"]), ("TaskFailed", ["error": "Payment.Declined"]),
        ("ExecutionFailed", ["error": "Payment.Declined"]),
        ("ExecutionRedriven", ["redriveCount": 1]),
        ("TaskStateEntered", ["name": "Charge"]), ("TaskStateExited", ["name": "Charge", "output": "{}"]),
        ("PassStateEntered", ["name": "Complete"]), ("PassStateExited", ["name": "Complete"]),
        ("ExecutionSucceeded", ["output": "{}"]),
    ])

    @Test func eachStateKnowsTheRunItRanIn() {
        let timeline = Self.history.timeline
        #expect(timeline.steps.map(\.name) == ["Write", "Charge", "Charge", "Complete"])
        #expect(timeline.steps.map(\.run) == [0, 0, 1, 1])
        #expect(timeline.steps.map(\.outcome) == [.succeeded, .failed, .succeeded, .succeeded])
        #expect(timeline.redriven == [Self.history.events[6].timestamp])
        #expect(timeline.redrives == 1 && timeline.status == .succeeded)
    }

    @Test func theRecordCountsItsRedrivesAsDescribeExecutionWould() {
        let arn: ExecutionARN = "arn:aws:states:us-east-1:123456789012:execution:OrderWorkflow:o-1"
        let execution = Execution(standardHistory: Self.history.events, arn: arn)
        #expect(execution.status == .succeeded)
        #expect(execution.redrive.count == 1 && execution.redrive.date == Self.history.events[6].timestamp)
        // Whether it could be redriven again only DescribeExecution says.
        #expect(execution.redrive.status == nil)
        let never = Execution(standardHistory: Array(Self.history.events.prefix(6)), arn: arn)
        #expect(never.status == .failed && never.redrive == ExecutionRedrive())
    }
}
