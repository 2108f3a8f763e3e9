import Foundation
import OrderDeckCore
import TestSupport
import Testing

@testable import OrderDeckUI

/// Issue 24: one-off requests of one kind run one after another, in the order asked. A second stop
/// asked while the first waits for its answer used to cancel the first, which then never reached
/// the service.
@Suite struct RefresherOneShotTests {
    @Test func aSecondStopWaitsForTheFirstInsteadOfCancellingIt() async throws {
        let harness = DashboardHarness()
        #expect(await harness.waitFor { $0.state.executions.visible.count == 40 })
        let arns = harness.source.withData { data in
            (data.executions["OrderWorkflow"] ?? []).prefix(2).map(\.arn)
        }
        #expect(arns.count == 2)
        harness.source.stopGate.hold()
        harness.dashboard.refresher.send(.stop(arns[0], error: "first", cause: nil))
        await harness.source.stopGate.waitUntilHeld(1)
        harness.dashboard.refresher.send(.stop(arns[1], error: "second", cause: nil))
        harness.source.stopGate.release()

        #expect(await harness.waitFor { $0.source.withData { $0.stops.count } == 2 })
        #expect(harness.source.withData { $0.stops.map(\.arn) } == arns)
        #expect(harness.source.withData { $0.stops.map(\.error) } == ["first", "second"])
    }
}
