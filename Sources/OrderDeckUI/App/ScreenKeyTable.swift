import TerminalUI

/// A screen's key table with its action type erased, so the registry can hold every screen's:
/// the keys it binds (checked against the global table), and its hint line and help as the
/// selected row and a read-only stack make them.
struct ScreenKeyTable: Sendable {
    /// Every key the screen binds itself: its table and, over a list, the list movement.
    var bound: [Key]
    var hints: @Sendable (DashboardState) -> [String]
    var help: @Sendable (DashboardState) -> [(keys: String, help: String)]

    /// A screen's `table`; over a list (`list`) the movement keys come first in its help.
    /// `applies` keeps a key out of the hint line when it does nothing for the selected row.
    init<Action: Sendable>(
        _ table: KeyTable<Action>, list: Bool,
        applies: @escaping @Sendable (DashboardState, Action) -> Bool = { _, _ in true }
    ) {
        bound = table.boundKeys + (list ? GlobalKeys.movement.boundKeys : [])
        hints = { state in table.visible(readOnly: state.stack.readOnly).hints { applies(state, $0) } }
        help = { state in
            (list ? GlobalKeys.movement.helpEntries : []) + table.visible(readOnly: state.stack.readOnly).helpEntries
        }
    }
}
