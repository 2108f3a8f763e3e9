import OrderDeckCore

/// The jumps between an order, its execution and its log lines.
extension DashboardState {
    /// The execution of an order: stored on the item, or the Standard execution named after it.
    public func executionARN(for order: Order) -> ExecutionARN? {
        if let arn = order.executionArn { return arn }
        return executions.standardExecution(named: order.id)?.arn
    }

    public mutating func openExecution(_ arn: ExecutionARN) -> [Effect] {
        execution.open(arn)
        push(.execution)
        return [.watch(arn)]
    }

    /// The log lines of one execution, following.
    mutating func openLogs(for arn: ExecutionARN) {
        push(.logs)
        logs.show(execution: arn, visibleRows: LogsView.tableRows(layout, state: logs))
    }

    /// The order row of an execution: selected when loaded (a filter that hides it is cleared),
    /// else looked up by key.
    mutating func jumpToOrder(of arn: ExecutionARN, userId: String?) -> [Effect] {
        let id = arn.orderID
        let leaving: [Effect] = isWatchingExecution ? [.stopWatching] : []
        if orders.select(id, visibleRows: layout.listRows) {
            navigation = [.orders]
            return leaving
        }
        say("looking up order \(id)…")
        return [.findOrder(id, userId: userId)]
    }

    /// The answer to `.findOrder`.
    mutating func orderFound(_ id: OrderID, _ order: Order?, problem: String?) {
        guard let order else {
            say(
                problem ?? "no order \(id) in the table (the execution may have failed before writing it)",
                isError: true)
            return
        }
        // The refresher added it to the loaded orders (and posted them) before this answer.
        guard orders.select(order.id, visibleRows: layout.listRows) else {
            say("order \(id) was found but is not among the loaded orders yet", isError: true)
            return
        }
        let leaving = isWatchingExecution
        navigation = [.orders]
        note = nil
        if leaving { pendingEffects.append(.stopWatching) }
    }
}
