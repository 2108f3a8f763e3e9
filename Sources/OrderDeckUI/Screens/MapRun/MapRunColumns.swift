import Foundation
import OrderDeckCore
import TerminalUI

enum MapRunColumns {
    static let children: [TableView.Column] = [
        .init("CHILD EXECUTION", minWidth: 12, maxWidth: 80, priority: 10),
        .init("STATUS", minWidth: 7, maxWidth: 15, priority: 9),
        .init("STARTED", width: 19, priority: 3),
        .init("ELAPSED", width: 8, alignment: .right, priority: 6),
    ]

    static func row(_ child: Execution, now: Date) -> [String] {
        [
            child.name, child.status.rawValue, Format.time(child.startDate),
            Format.duration(child.elapsed(now: now)),
        ]
    }
}
