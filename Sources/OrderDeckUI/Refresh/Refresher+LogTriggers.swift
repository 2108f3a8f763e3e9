import Foundation
import OrderDeckCore

/// Refreshes driven by what happened: a log record of an execution (any group the tail reads)
/// says that execution moved, so what it touched is read at once — its machine's execution list
/// when it started or ended, its order (GetItem, by the user its input named or the held copy's)
/// when a task wrote it or it ended, the watched execution on any record of it — instead of at the
/// next timed read. The timed reads stay as the safety net; a quiet stack (no records) reads
/// nothing more than before.
extension Refresher {
    /// At most this many orders are read by key for one batch of records; more, and the orders
    /// feed runs now instead (one read through the changed-orders index).
    static let rereadsPerBatch = 10

    func reactToLogs(_ batch: [TailedEvent]) {
        var machinesMoved: Set<String> = []
        var ordersMoved: [OrderID] = []
        var watchedMoved = false
        for event in batch {
            guard let record = event.record else { continue }
            let arn = ExecutionARN(record.executionArn)
            if arn == watched { watchedMoved = true }
            let type = record.event.type
            if type == "ExecutionStarted" {
                nudgeOrderStream()
                if let user = record.event.input.flatMap(Self.userId) { remember(user, of: arn) }
            }
            let ends = record.event.terminalStatus != nil
            if type == "ExecutionStarted" || ends, let machine = arn.machineName { machinesMoved.insert(machine) }
            // A task's exit is where the workflow writes the order (InitializeOrder, Complete…).
            if type == "TaskStateExited" || ends {
                let id = OrderID(arn.name)
                if !ordersMoved.contains(id) { ordersMoved.append(id) }
            }
        }
        if watchedMoved, !inFlight.contains(.execution) { startWatching() }
        for machine in machinesMoved where monitors[machine] != nil {
            let feed = RefreshFeed.executions(machine: machine)
            guard !inFlight.contains(feed), let info = machines.first(where: { $0.name == machine }) else { continue }
            loop(feed, policy) { try await self.refreshExecutions(info) }
        }
        guard !ordersMoved.isEmpty else { return }
        if ordersMoved.count > Self.rereadsPerBatch {
            if !inFlight.contains(.orders) { restart(.orders) }
            return
        }
        let wanted = ordersMoved.map { ($0, usersByExecutionName[$0.rawValue]) }
        oneShot(.orderRereads) { await self.reread(wanted) }
    }

    /// Each order read again by key; an order whose user is not known runs the orders feed now.
    func reread(_ wanted: [(OrderID, String?)]) async {
        var unknown = false
        for (id, user) in wanted {
            guard let (snapshot, known) = try? await orders.reread(id, userId: user) else { continue }
            if let snapshot { post(.orders(index(snapshot), loading: false)) }
            if !known { unknown = true }
        }
        if unknown, !inFlight.contains(.orders) { restart(.orders) }
    }

    /// `user_id` of an execution's input (the order it was started with).
    static func userId(_ input: String) -> String? {
        (try? JSONValue.parse(input))?["user_id"]?.stringValue
    }

    /// Whose order an execution works on, from its start record; the oldest forgotten past 2,000.
    func remember(_ user: String, of arn: ExecutionARN) {
        if usersByExecutionName.count >= 2000 { usersByExecutionName.removeAll(keepingCapacity: true) }
        usersByExecutionName[arn.name] = user
    }
}
