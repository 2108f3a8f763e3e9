import Foundation

/// An execution as an operator names one — its ARN, or an order id — found, and the histories of
/// several fetched at once: what `history` and `stop` take as their targets.
public struct ExecutionResolver: Sendable {
    /// Neither an order with that id nor an execution named after it.
    public struct NotFound: Error, CustomStringConvertible {
        public var target: String
        public var table: String
        public var machines: [String]

        /// The sentence, with the target as the front end shows text from outside (escaped).
        public func message(showing target: String) -> String {
            "no order '\(target)' in \(table) and no execution of that name in \(machines.joined(separator: ", "))"
        }

        public var description: String { message(showing: target) }
    }

    public let session: StackSession
    public let store: ExecutionStore

    public init(session: StackSession, store: ExecutionStore) {
        self.session = session
        self.store = store
    }

    /// The execution ARN for `target`: an ARN as it is; an order id through its item's execution,
    /// else the execution named after it (a run that failed before InitializeOrder wrote the item).
    public func arn(for target: String) async throws -> String {
        if target.hasPrefix("arn:") { return target }
        let orders = OrderStore(dynamoDB: session.dynamoDB, tableName: session.config.tableName)
        if let order = try await orders.order(id: target), let found = try await store.executionArn(for: order) {
            return found
        }
        if let found = try await store.executionArn(named: target) { return found }
        throw NotFound(
            target: target, table: session.config.tableName, machines: try await session.machines().map(\.name))
    }

    /// Why an execution did not succeed, as `history` shows it: the failing state, its error and
    /// cause; nil when its history cannot be read or names no failure.
    public func failure(of arn: String) async -> Timeline.Failure? {
        guard let detail = try? await store.detail(arn: arn) else { return nil }
        return Timeline(events: detail.events).failure
    }

    /// Every target's execution and history, at most `concurrency` in flight, handed to `body` in
    /// the order given as soon as each one's turn comes (not after the last arrives).
    public func histories(
        _ targets: [String], concurrency: Int = 8, _ body: (Execution, [ExecutionEvent]) throws -> Void
    ) async throws {
        let store = self.store
        try await inOrderConcurrently(targets, concurrency: concurrency) { target in
            try await store.detail(arn: try await arn(for: target))
        } _: { detail in
            try body(detail.execution, detail.events)
        }
    }
}
