import Foundation
import OrderDeckCore
import TerminalUI

enum OverviewAction: Sendable {
    case earlier, later, failedInMinute, allInMinute, stuck, pendingEnded, orders, logErrors
}

enum OverviewKeys {
    static let table = KeyTable<OverviewAction>([
        .init([.left, .character("h")], "the chart's previous minute", hint: "minute", .earlier),
        .init([.right, .character("l")], "the chart's next minute", .later),
        .init(
            [.enter, .character("f")], "the failed executions of the selected minute", hint: "failed", .failedInMinute),
        .init([.character("a")], "every execution that ended in the selected minute", .allInMinute),
        .init([.character("s")], "the stuck executions (RUNNING past their machine's p99)", hint: "stuck", .stuck),
        .init([.character("p")], "the PENDING orders whose execution ended", hint: "pending", .pendingEnded),
        .init([.character("o")], "the orders (by status: f there cycles the statuses)", .orders),
        .init(
            [.character("e")], "the log lines that are errors (…Failed, …TimedOut, …Aborted)", hint: "errors",
            .logErrors),
    ])
}

extension DashboardState {
    mutating func handleOverview(_ key: Key) -> [Effect] {
        guard let action = OverviewKeys.table.action(for: key), let figures = overview.figures else { return [] }
        switch action {
        case .earlier: overview.moveCursor(by: -1)
        case .later: overview.moveCursor(by: 1)
        case .failedInMinute, .allInMinute:
            let failedOnly = action == .failedInMinute
            let all = executions.byMachine.values.flatMap { $0 }
            let found = figures.executions(in: overview.cursor, of: all, failedOnly: failedOnly)
            let minute = Format.clock(figures.minutes[overview.cursor].start).prefix(5)
            // The chart may count CloudWatch's metrics; the list is always the loaded executions.
            let source = figures.chartSource == "loaded executions" ? "" : " (loaded; the chart counts CloudWatch's)"
            showExecutions(found, title: (failedOnly ? "failed, ended \(minute)" : "ended \(minute)") + source)
        case .stuck:
            showExecutions(figures.stuck, title: "stuck: RUNNING past their machine's p99")
        case .pendingEnded:
            let ids = Set(figures.pendingEnded.compactMap(\.orderId))
            guard !ids.isEmpty else {
                say("no PENDING order whose execution ended")
                return []
            }
            orders.setScope(ListScope(title: "PENDING, execution ended", ids: ids), visibleRows: layout.listRows)
            push(.orders)
        case .orders:
            push(.orders)
        case .logErrors:
            push(.logs)
            logs.showAllExecutions(visibleRows: LogsView.tableRows(layout, state: logs))
            logs.setFilter(Self.logErrorPattern, visibleRows: LogsView.tableRows(layout, state: logs))
        }
        return []
    }

    /// The log lines the Overview counts as errors, as a Logs filter.
    static let logErrorPattern = "#[0-9]+ [A-Za-z]*(Failed|TimedOut|Aborted)\\b"

    /// A jump from a figure: the Executions list narrowed to its rows (esc goes back here).
    mutating func showExecutions(_ list: [Execution], title: String) {
        guard !list.isEmpty else {
            say("no executions: \(title)")
            return
        }
        executions.setScope(ListScope(title: title, ids: Set(list.map(\.arn))), visibleRows: layout.listRows)
        push(.executions)
    }

    /// Asks for the figures again from what is loaded (while the Overview shows); the dashboard
    /// works them out off the terminal thread and they come back as `.overviewFigures`.
    mutating func refreshOverview() {
        guard screen == .overview else { return }
        pendingEffects.append(.workOutOverview)
    }

    /// What the figures are worked out from, as loaded now.
    var overviewInputs: OverviewScreen.Inputs {
        OverviewScreen.Inputs(
            executions: executions.byMachine, orders: orders.index, logs: logs.lines, metrics: overview.metrics,
            now: now)
    }
}
