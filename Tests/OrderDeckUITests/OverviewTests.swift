import Foundation
import OrderDeckCore
import OrderDeckUI
import TerminalUI
import TestSupport
import Testing

/// The Overview in process: its figures over the fixed data, and each figure a way in.
@Suite(.timeLimit(.minutes(3))) struct OverviewTests {
    @Test func aFailedMinuteOpensItsFailedExecutionsAndEscComesBack() async throws {
        let harness = DashboardHarness(width: 120, height: 40)
        await harness.settle()
        harness.press(.character("0"))
        await harness.waitFor { $0.state.overview.figures != nil }
        let figures = try #require(harness.state.overview.figures)
        #expect(harness.screen.contains("Executions/min, last hour"))
        let target = try #require(figures.minutes.lastIndex { $0.failed > 0 })
        for _ in 0..<(OverviewFigures.chartMinutes - 1 - target) { harness.press(.left) }
        #expect(harness.state.overview.cursor == target)
        harness.pump()
        let minute = Format.clock(figures.minutes[target].start).prefix(5)
        #expect(
            harness.screen.contains(
                "▲ \(minute)  \(figures.minutes[target].succeeded) succeeded  \(figures.minutes[target].failed) failed")
        )

        harness.press(.enter)
        #expect(harness.state.screen == .executions)
        #expect(harness.state.executions.scope?.title == "failed, ended \(minute)")
        let shown = harness.state.executions.visible
        #expect(shown.count == figures.minutes[target].failed)
        #expect(shown.allSatisfy { $0.status.isFailure })
        harness.pump()
        #expect(harness.screen.contains("failed, ended \(minute) (every machine; esc: back)"))

        harness.press(.escape)
        #expect(harness.state.screen == .overview)
        #expect(harness.state.executions.scope == nil)
    }

    @Test func pendingOrdersWhoseExecutionEndedAndStuckOnes() async throws {
        let harness = DashboardHarness(width: 120, height: 40)
        await harness.settle()
        harness.press(.character("0"))
        await harness.waitFor { $0.state.overview.figures != nil }
        let figures = try #require(harness.state.overview.figures)
        #expect(!figures.pendingEnded.isEmpty)
        harness.press(.character("p"))
        #expect(harness.state.screen == .orders)
        #expect(harness.state.orders.scope?.title == "PENDING, execution ended")
        #expect(harness.state.orders.visible.count == figures.pendingEnded.count)
        harness.press(.character("q"))
        #expect(harness.state.screen == .overview && harness.state.orders.scope == nil)
        #expect(harness.state.orders.visible.count == 40)
        // Nothing runs past its machine's p99 here: the key says so instead of opening an empty list.
        #expect(figures.stuck.isEmpty)
        harness.press(.character("s"))
        #expect(harness.state.screen == .overview)
        #expect(harness.state.visibleNote?.text == "no executions: stuck: RUNNING past their machine's p99")
    }

    @Test func logErrorsAndOrdersAreWaysInToo() async throws {
        let harness = DashboardHarness(width: 120, height: 40)
        await harness.settle()
        harness.press(.character("0"))
        await harness.waitFor { $0.state.overview.figures != nil }
        let figures = try #require(harness.state.overview.figures)
        #expect(figures.logErrors >= 1)
        harness.press(.character("e"))
        #expect(harness.state.screen == .logs)
        let lines = harness.state.logs.visible
        #expect(lines.count >= figures.logErrors)
        #expect(
            lines.allSatisfy { line in
                let type = line.record?.event.type ?? ""
                return type.hasSuffix("Failed") || type.hasSuffix("TimedOut") || type.hasSuffix("Aborted")
            })
        harness.press(.escape)
        #expect(harness.state.screen == .overview)
        harness.press(.character("o"))
        #expect(harness.state.screen == .orders && harness.state.orders.scope == nil)
    }

    @Test func metricsFromTheSourceDriveTheChart() async throws {
        var data = DashboardHarness.standardData()
        var metrics = StatesMetrics(points: [])
        metrics.add("ExecutionsFailed", values: [(FixedData.now.addingTimeInterval(-30), 7)])
        data.metrics = metrics
        let harness = DashboardHarness(width: 120, height: 40, data: data)
        await harness.settle()
        harness.press(.character("0"))
        await harness.waitFor { $0.state.overview.figures?.chartSource == "CloudWatch AWS/States" }
        #expect(harness.state.overview.figures?.minutes.reduce(0) { $0 + $1.failed } == 7)
        harness.pump()
        #expect(harness.screen.contains("(CloudWatch AWS/States)"))
        #expect(harness.screen.contains("CloudWatch, last hour: 0 started · 0 throttled"))
    }

    /// The figures walk every loaded execution and log record (100 ms and more at full windows):
    /// a key only asks for them, they are worked out off the terminal thread, and they follow
    /// the data while the Overview shows.
    @Test func theFiguresAreWorkedOutOffTheKeyAndFollowTheData() async throws {
        var state = FixedData.state(screen: .orders)
        _ = state.handle(.character("0"))
        #expect(state.screen == .overview && state.overview.figures == nil)

        let harness = DashboardHarness(width: 120, height: 40)
        await harness.settle()
        harness.press(.character("0"))
        #expect(await harness.waitFor { $0.state.overview.figures != nil })
        func failed(_ harness: DashboardHarness) -> Int? {
            harness.state.overview.figures?.minutes.reduce(0) { $0 + $1.failed }
        }
        let before = try #require(failed(harness))
        harness.source.update {
            $0.executions["OrderWorkflow", default: []].append(
                Execution(
                    arn: "arn:aws:states:us-east-1:123456789012:execution:OrderWorkflow:late-1", name: "late-1",
                    machineName: "OrderWorkflow", status: .failed, startDate: FixedData.now.addingTimeInterval(-5),
                    stopDate: FixedData.now.addingTimeInterval(-1), source: .api))
        }
        await harness.advance(by: .seconds(30))
        #expect(await harness.waitFor { failed($0) == before + 1 })
        #expect(harness.screen.contains("Executions/min, last hour"))
    }

    @Test func itIsTheStartScreenOnceThereIsHistoryUnlessAKeyCameFirst() {
        var state = DashboardState(stack: FixedData.stack)
        state.overview.isStartScreen = true
        state.apply(.executions(machine: "OrderWorkflow", []))
        #expect(state.screen == .orders)
        let orders = FixedData.orders(5)
        state.apply(.executions(machine: "OrderWorkflow", FixedData.executions(for: orders)))
        #expect(state.screen == .overview)

        var pressed = DashboardState(stack: FixedData.stack)
        pressed.overview.isStartScreen = true
        _ = pressed.handle(.down)
        pressed.apply(.executions(machine: "OrderWorkflow", FixedData.executions(for: orders)))
        #expect(pressed.screen == .orders)
    }
}
