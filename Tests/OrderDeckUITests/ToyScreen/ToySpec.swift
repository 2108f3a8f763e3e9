import OrderDeckCore
import TerminalUI

@testable import OrderDeckUI

/// A screen the dashboard does not have, added by a test: everything it is lives in this folder
/// (its name, tab, keys, handler, drawing, export and clicks); `ScreenRegistryTests` adds it to
/// the registry with one line.
extension Screen {
    static let toy = Screen(rawValue: "toy")
}

enum ToyAction: Sendable {
    case toot
}

enum ToyKeys {
    static let table = KeyTable<ToyAction>([
        .init([.character("t")], "toot: say so in the note row", hint: "toot", .toot)
    ])
}

extension ScreenSpec {
    static let toy = ScreenSpec(
        .toy, title: "Toy", place: .tab(number: 5, help: "toy: a screen a test added"),
        keys: ScreenKeyTable(ToyKeys.table, list: false),
        handle: { state, key in
            guard case .toot = ToyKeys.table.action(for: key) else { return [] }
            state.say("toot")
            return []
        },
        render: { state, buffer, y, _ in
            buffer.write("toy: \(state.orders.visible.count) orders loaded", x: 0, y: y)
        },
        export: { state in
            ExportTable(what: "toy counts", headers: ["orders"], rows: [[String(state.orders.visible.count)]])
        },
        click: { state, _, y in
            guard y == state.layout.bodyTop else { return false }
            state.say("clicked the toy")
            return true
        },
        leave: { state in
            state.say("left the toy")
            return []
        })
}
