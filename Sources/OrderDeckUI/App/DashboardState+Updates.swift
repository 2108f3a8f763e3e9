import OrderDeckCore

extension DashboardState {
    /// Applies what background work found.
    public mutating func apply(_ update: DashboardUpdate) {
        defer { afterUpdate(update) }
        switch update {
        case .machines(let list):
            executions.setMachines(list, visibleRows: layout.listRows)
        case .orders(let index, let loading):
            orders.replace(index, loading: loading, visibleRows: layout.listRows)
        case .executions(let machine, let list):
            executions.replace(machine: machine, list, visibleRows: layout.listRows)
        case .execution(let found, let events):
            execution.update(
                executions.withKnownRevision(found), events: events, visibleRows: ExecutionView.tableRows(self))
            if found.arn == execution.arn { executions.adopt(found) }
        case .mapRun(let detail):
            mapRun.update(detail, visibleRows: MapRunView.tableRows(self))
            // Left by a jump elsewhere (a tab): no more reading it.
            if !navigation.contains(.mapRun) { pendingEffects.append(.stopWatchingMapRun) }
        case .mapRunFailed(let arn, let message):
            mapRun.failed(arn, message)
        case .diffHistories(let a, let b):
            diff.loaded(a, b)
        case .diffFailed(let a, let b, let message):
            diff.failed(a, b, message)
        case .replayed(let report):
            diff.replayed(report)
        case .replayFailed(let arn, let message):
            diff.failed(arn, arn, message)
        case .functionLogs(let window, let lines):
            showFunctionLogs(window, lines)
        case .functionLogsFailed(let window, let message):
            say("\(window.group): \(message)", isError: true)
        case .logs(let batch):
            logs.append(batch, visibleRows: LogsView.tableRows(layout, state: logs))
        case .logsMode(let mode):
            logs.mode = mode
        case .ordersFeed(let mode):
            orders.feed = mode
        case .submitted(let submission, let resent):
            submit.record(submission, resent: resent)
            let verb = resent ? "re-sent" : "sent"
            if submission.isAccepted, let arn = submission.executionArn {
                execution.open(ExecutionARN(arn))
                // A duplicate is accepted but ran nothing new: said, not taken for a new execution.
                let duplicate = submission.isDuplicate ? " — duplicate: no new execution" : ""
                let label = submission.sendLabel.map { " (\($0))" } ?? ""
                say(
                    "\(verb) order \(submission.orderId)\(label): \(submission.status ?? 0)\(duplicate) [request \(submission.requestId ?? "-")]"
                )
            } else {
                say("\(verb) order \(submission.orderId): \(submission.outcome(inProcess: true))", isError: true)
            }
        case .submitFailed(let message):
            say("submit: \(message)", isError: true)
        case .submissions(let list):
            submit.submissions = list
        case .orderLookup(let id, let order, let problem):
            orderFound(id, order, problem: problem)
        case .health(let new):
            if case .recovered = new, health != .loading { say("recovered: refreshing again") }
            health = new
        case .notice(let text):
            say(text)
        case .stopped(let execution):
            let detail = [execution.error, execution.cause].compactMap { $0 }.joined(separator: ": ")
            say("stopped \(execution.name): \(execution.status)" + (detail.isEmpty ? "" : " (\(detail))"))
        case .stopFailed(let arn, let message):
            say("\(arn.name) not stopped: \(message)", isError: true)
        case .redriven(let redriven):
            say(
                "redriven \(redriven.arn.name) (redrive \(redriven.before.redrive.count + 1), \(Format.clock(redriven.redriveDate)))"
                    + ": it runs again from the states that did not succeed")
        case .redriveFailed(let arn, let message):
            say("\(arn.name) not redriven: \(message)", isError: true)
        case .redriveFinished(let redriven, let total):
            say("redrove \(redriven) of \(total) executions", isError: redriven < total)
        case .metrics(let metrics):
            overview.metrics = metrics
        case .overviewFigures(let figures):
            overview.figures = figures
        case .stackMoved(let what):
            say("\(what): reopening stack \(stack.name)")
            pendingEffects.append(.switchStack(stack.name))
        case .ordersFiltered(let job, let rows):
            orders.filtered(job, rows: rows, visibleRows: layout.listRows)
        }
    }

    /// The Overview follows what it is made of; on the first executions it opens, when it is the
    /// start screen and nothing was pressed yet.
    mutating func afterUpdate(_ update: DashboardUpdate) {
        switch update {
        case .executions(_, let list):
            if overview.isStartScreen, overview.untouched, !list.isEmpty, navigation == [.orders] {
                navigation = [.orders, .overview]
                overview.untouched = false
            }
            refreshOverview()
        case .orders, .logs, .metrics: refreshOverview()
        default: break
        }
    }
}
