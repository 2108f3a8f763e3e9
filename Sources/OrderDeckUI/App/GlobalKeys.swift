import TerminalUI

/// Keys that work on every screen.
enum GlobalAction: Sendable, Equatable {
    case show(Screen)
    case nextTab
    case palette
    case export
    case refresh
    case help
    case back
    case quit
}

enum GlobalKeys {
    /// The standard dashboard's global keys.
    static var table: KeyTable<GlobalAction> { ScreenRegistry.standard.globalKeys }

    /// The global keys of a dashboard with these screens: each tab's number key, then the rest.
    static func table(tabs specs: [ScreenSpec]) -> KeyTable<GlobalAction> {
        let tabs = specs.compactMap { spec -> (number: Int, binding: KeyBinding<GlobalAction>)? in
            guard case .tab(let number, let help) = spec.place else { return nil }
            return (number, .init([.character(Character(String(number)))], help, .show(spec.screen)))
        }
        return KeyTable(tabs.sorted { $0.number < $1.number }.map(\.binding) + shared)
    }

    static let shared: [KeyBinding<GlobalAction>] = [
        .init([.tab], "next screen", .nextTab),
        .init([.character(":")], "command: orders executions logs submit machine NAME stack NAME quit", .palette),
        .init([.character("r")], "refresh now", .refresh),
        .init([.control("s")], "export what is on screen to a file (CSV or JSON lines, by its extension)", .export),
        .init([.character("?")], "this help (any key closes it)", hint: "help", .help),
        .init([.character("q"), .escape, .backspace], "back; q quits on the first screen", .back),
        .init([.control("c")], "quit", .quit),
    ]

    /// The list keys every table shares (handled by `TableView.handleMovement`).
    static let movement = KeyTable<Void>([
        .init([.up, .down, .character("k"), .character("j")], "move", hint: "move", ()),
        .init([.pageUp, .pageDown, .control("b"), .control("f")], "page up / down", ()),
        .init([.home, .end, .character("g"), .character("G")], "first / last", ()),
    ])
}
