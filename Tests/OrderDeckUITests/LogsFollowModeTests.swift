import OrderDeckCore
import OrderDeckUI
import TerminalUI
import TestSupport
import Testing

/// The Logs screen's header says how its lines are followed, and why it polls.
@Suite struct LogsFollowModeTests {
    static func header(_ state: DashboardState) -> String {
        var buffer = ScreenBuffer(width: 160, height: 30)
        DashboardView.render(state, into: &buffer)
        return (0..<buffer.height).map(buffer.line).first { $0.contains("log events") } ?? ""
    }

    @Test func theHeaderSaysLiveTailOrPollingAndWhy() {
        var state = FixedData.state(screen: .logs, size: TerminalSize(width: 160, height: 30))
        #expect(!Self.header(state).contains("live tail") && !Self.header(state).contains("polling"))
        state.apply(.logsMode(.liveTail(sampled: false)))
        #expect(Self.header(state).contains("following  live tail"))
        // Last on the line: what narrows the lines comes first.
        state.logs.search = "PaymentFailed"
        #expect(Self.header(state).contains("search PaymentFailed  live tail"))
        state.logs.search = ""
        state.apply(.logsMode(.polling(reason: "this endpoint does not stream Live Tail")))
        #expect(Self.header(state).contains("polling: this endpoint does not stream Live Tail"))
        state.apply(.logsMode(.liveTail(sampled: true)))
        #expect(Self.header(state).contains("live tail, sampled"))
    }

    @Test func theRefresherPassesTheTailsModeToTheHeader() async {
        let harness = DashboardHarness(width: 160, height: 30)
        harness.source.update { $0.logMode = .polling(reason: "no permission for logs:StartLiveTail") }
        harness.press(.character("3"))
        #expect(await harness.waitFor { $0.screen.contains("polling: no permission for logs:StartLiveTail") })
        harness.source.update { $0.logMode = .liveTail(sampled: false) }
        await harness.advance(by: .seconds(2))
        #expect(await harness.waitFor { $0.screen.contains("following  live tail") })
        #expect(!harness.screen.contains("polling:"))
    }
}
