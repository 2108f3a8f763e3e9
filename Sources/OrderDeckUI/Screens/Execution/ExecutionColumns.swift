import OrderDeckCore
import TerminalUI

/// The execution's timeline and raw event list: names sized by content, the spare width to the
/// result and the detail (what would otherwise be cut).
enum ExecutionColumns {
    static let timeline: [TableView.Column] = [
        .init("STATE", minWidth: 12, maxWidth: 40, priority: 10),
        .init("KIND", width: 6, priority: 3),
        .init("ENTERED", width: 12, priority: 2),
        .init("TOOK", width: 7, alignment: .right, priority: 8),
        .init("", width: 12, priority: 4),
        .init("RETRY", width: 5, alignment: .right, priority: 5),
        .init("RESULT", minWidth: 10, grows: true, priority: 9),
    ]
    /// A Map's iterations or a Parallel's branches.
    static func groups(of kind: StateKind) -> [TableView.Column] {
        [
            .init(kind == .map ? "ITERATION" : "BRANCH", minWidth: 9, maxWidth: 24, priority: 10),
            .init("STARTED", width: 12, priority: 2),
            .init("TOOK", width: 7, alignment: .right, priority: 8),
            .init("", width: 12, priority: 4),
            .init("STATES", width: 6, alignment: .right, priority: 3),
            .init("RESULT", minWidth: 10, grows: true, priority: 9),
        ]
    }
    static let events: [TableView.Column] = [
        .init("ID", alignment: .right, minWidth: 2, maxWidth: 7, priority: 8),
        .init("TIME", width: 12, priority: 3),
        .init("TYPE", minWidth: 12, maxWidth: 34, priority: 10),
        .init("STATE", minWidth: 8, maxWidth: 30, priority: 7),
        .init("DETAIL", minWidth: 10, grows: true, priority: 2),
    ]
}
