import TerminalUI

/// The keys each screen binds (its own table, the list movement, the global keys), for tests
/// and documentation: the same tables that handle the keys.
public enum ScreenKeys {
    public static func bound(_ screen: Screen) -> [Key] {
        let own: [Key]
        switch screen {
        case .overview: own = OverviewKeys.table.boundKeys
        case .orders: own = OrdersKeys.table.boundKeys + GlobalKeys.movement.boundKeys
        case .executions: own = ExecutionsKeys.table.boundKeys + GlobalKeys.movement.boundKeys
        case .execution: own = ExecutionKeys.table.boundKeys + GlobalKeys.movement.boundKeys
        case .logs: own = LogsKeys.table.boundKeys + GlobalKeys.movement.boundKeys
        case .submit: own = SubmitKeys.table.boundKeys
        }
        return own + GlobalKeys.table.boundKeys
    }
}
