import Foundation
import OrderDeckCore
import OrderDeckUI
import TerminalUI
import TestSupport

/// The whole dashboard in-process: the real event loop, refresher and state over a fake data
/// source, a manual clock and an in-memory terminal. Keys go in, the clock moves when the test
/// says, and `screen` is what a person would see.
final class DashboardHarness {
    let clock = ManualClock(now: FixedData.now)
    let source: FakeDashboardSource
    let terminal: MemoryTerminal
    let dashboard: Dashboard
    let loop: EventLoop
    private(set) var quit = false
    /// Each post from the refresher wakes this (as it wakes the real loop's poll).
    private var wakes: AsyncStream<Void>.Iterator

    init(
        width: Int = 80, height: Int = 24, data: FakeDashboardSource.Data = DashboardHarness.standardData(),
        stack: StackInfo = FixedData.stack, orderWindow: Int = StackConfig.defaultOrderWindow,
        prepare: (inout DashboardState) -> Void = { _ in }
    ) {
        source = FakeDashboardSource(data)
        terminal = MemoryTerminal(width: width, height: height)
        let (stream, sink) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        wakes = stream.makeAsyncIterator()
        var state = DashboardState(stack: stack)
        prepare(&state)
        dashboard = Dashboard(
            state: state, source: source, clock: clock, orderWindow: orderWindow,
            wake: { sink.yield() })
        loop = EventLoop(application: dashboard, terminal: terminal)
        dashboard.start()
    }

    deinit { dashboard.stop() }

    /// Orders, both machines' executions, the failed Express execution's history and its log lines.
    static func standardData(orders count: Int = 40) -> FakeDashboardSource.Data {
        var data = FakeDashboardSource.Data()
        let orders = FixedData.orders(count)
        data.machines = FixedData.machines
        data.orders = orders
        data.executions["OrderWorkflow"] = FixedData.executions(for: orders)
        data.logLines = FixedData.logEvents
        let records = FixedData.failedRecords
        let rebuilt = ExpressReconstructor().build(
            arn: ExecutionARN(records[0].executionArn), events: records.map(\.event), now: FixedData.now)
        data.details[ExecutionARN(records[0].executionArn)] = (rebuilt.execution, rebuilt.events)
        for execution in FixedData.executions(for: orders) {
            var copy = rebuilt.execution
            copy.arn = execution.arn
            copy.name = execution.name
            copy.machineName = "OrderWorkflow"
            copy.input = #"{"id":"\#(execution.name)","user_id":"alice"}"#
            data.details[execution.arn] = (copy, rebuilt.events)
        }
        return data
    }

    var state: DashboardState { dashboard.state }
    var screen: String { terminal.glass.text }
    func line(_ y: Int) -> String { terminal.glass.line(y) }

    func press(_ keys: Key...) {
        guard !quit else { return }
        for key in keys where !loop.process([.key(key)]) { quit = true }
    }

    func type(_ text: String) { for character in text { press(.character(character)) } }

    /// Applies what the refresher posted and redraws.
    func pump() { loop.tick() }

    /// The periodic feeds of the standard data: orders, logs and both machines' executions.
    static let periodicFeeds = 4

    /// Waits until every periodic feed is parked on the clock (nothing loading): only then does
    /// advancing the clock wake all of them.
    func settle(parked: Int = DashboardHarness.periodicFeeds) async {
        await clock.waitUntilParked(parked)
        pump()
    }

    /// Lets the feeds park, moves the clock, and lets the loads it woke finish.
    func advance(by duration: Duration, parked: Int = DashboardHarness.periodicFeeds) async {
        await settle(parked: parked)
        clock.advance(by: duration)
        await settle(parked: parked)
    }

    func resize(width: Int, height: Int) {
        terminal.resize(width: width, height: height)
        loop.process(terminal.queued)
        terminal.queued = []
    }

    /// Waits until background work has made `condition` true: woken by each update the refresher
    /// posts, as the real loop is (nothing sleeps or spins; the suite's time limit catches a hang).
    @discardableResult
    func waitFor(_ condition: (DashboardHarness) -> Bool) async -> Bool {
        while true {
            pump()
            if condition(self) { return true }
            var iterator = wakes
            let woke = await iterator.next()
            wakes = iterator
            if woke == nil { return condition(self) }
        }
    }

    /// What the dashboard would draw now at the terminal's size: what the glass must equal.
    var expectedFrame: ScreenBuffer {
        var buffer = ScreenBuffer(width: terminal.size.width, height: terminal.size.height)
        var state = dashboard.state
        state.now = clock.now()
        DashboardView.render(state, into: &buffer)
        return buffer
    }
}
