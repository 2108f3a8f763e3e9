import AWSClient
import AWSServices
import Foundation

/// Order ↔ execution ↔ log lines. The execution of an order is the ARN stored on the item (or the
/// order id as execution name); the order of an execution is the item whose id is the execution
/// name; the log lines are the records carrying the execution ARN.
public struct Correlator: Sendable {
    public let session: StackSession

    public init(session: StackSession) { self.session = session }

    public func executionArn(for order: Order) async throws -> String? {
        try await ExecutionStore(session: session).executionArn(for: order)
    }

    public func order(for executionArn: String) async throws -> Order? {
        try await OrderStore(dynamoDB: session.dynamoDB, tableName: session.config.tableName).order(
            id: Execution.name(fromArn: executionArn))
    }

    /// The execution's log records, in event order.
    public func logRecords(for executionArn: String) async throws -> [VendedLogEvent] {
        guard let machine = try await session.machine(forExecution: executionArn), let group = machine.logGroupName
        else { return [] }
        let reader = LogReader(logs: session.logs, budget: session.logsBudget)
        return try await reader.records(group: group, filterPattern: "\"\(executionArn)\"")
            .filter { $0.executionArn == executionArn }.sorted { $0.event.id < $1.event.id }
    }

    /// Something an operator should look at: the order and its execution disagree.
    public struct Mismatch: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable {
            /// The order still says PENDING but its execution ended badly: nobody cancelled it.
            case pendingOrderFailedExecution = "pending order, execution failed"
            /// The order still says PENDING but its execution succeeded.
            case pendingOrderSucceededExecution = "pending order, execution succeeded"
            /// An execution of the order workflow with no order item.
            case executionWithoutOrder = "execution without order"
        }

        public var kind: Kind
        public var orderId: OrderID?
        public var executionArn: ExecutionARN?
        public var executionStatus: ExecutionStatus?
    }

    /// Compares orders with the executions of the order workflow (Standard machines).
    public static func mismatches(orders: [Order], executions: [Execution]) -> [Mismatch] {
        pendingEnded(orders.filter { $0.status == .pending }, executions: executions)
            + executionsWithoutOrder(orders: orders, executions: executions)
    }

    /// PENDING orders whose execution ended (nobody completed or cancelled them), found through
    /// dictionaries: O(orders + executions), so the Overview can ask it on every refresh.
    public static func pendingEnded(_ orders: [Order], executions: [Execution]) -> [Mismatch] {
        guard !executions.isEmpty, orders.contains(where: { $0.status == .pending }) else { return [] }
        // One pass: by ARN the first of each (any machine), by name the last Standard one.
        var byArn: [ExecutionARN: Execution] = [:]
        var byName: [OrderID: Execution] = [:]
        byArn.reserveCapacity(executions.count)
        byName.reserveCapacity(executions.count)
        for execution in executions {
            if byArn[execution.arn] == nil { byArn[execution.arn] = execution }
            if !execution.isExpress { byName[OrderID(execution.name)] = execution }
        }
        return orders.compactMap { order in
            guard order.status == .pending,
                let execution = order.executionArn.flatMap({ byArn[$0] }) ?? byName[order.id]
            else { return nil }
            let kind: Mismatch.Kind
            if execution.status.isFailure {
                kind = .pendingOrderFailedExecution
            } else if execution.status == .succeeded {
                kind = .pendingOrderSucceededExecution
            } else {
                return nil
            }
            return Mismatch(
                kind: kind, orderId: order.id, executionArn: execution.arn, executionStatus: execution.status)
        }
    }

    /// Executions that ran long enough to have written their order (InitializeOrder is first) but
    /// have none.
    static func executionsWithoutOrder(orders: [Order], executions: [Execution]) -> [Mismatch] {
        let ids = Set(orders.map(\.id))
        let arns = Set(orders.compactMap(\.executionArn))
        return executions.filter { execution in
            !execution.isExpress && execution.status != .running && !ids.contains(OrderID(execution.name))
                && !arns.contains(execution.arn)
        }.map {
            Mismatch(
                kind: .executionWithoutOrder, orderId: nil, executionArn: $0.arn, executionStatus: $0.status)
        }
    }
}
