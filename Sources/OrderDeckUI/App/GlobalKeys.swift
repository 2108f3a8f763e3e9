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
    static let table = KeyTable<GlobalAction>([
        .init([.character("0")], "overview: the last hour at a glance", .show(.overview)),
        .init([.character("1")], "orders", .show(.orders)),
        .init([.character("2")], "executions", .show(.executions)),
        .init([.character("3")], "logs", .show(.logs)),
        .init([.character("4")], "submit (not when read-only)", .show(.submit)),
        .init([.tab], "next screen", .nextTab),
        .init([.character(":")], "command: orders executions logs submit machine NAME stack NAME quit", .palette),
        .init([.character("r")], "refresh now", .refresh),
        .init([.control("s")], "export what is on screen to a file (CSV or JSON lines, by its extension)", .export),
        .init([.character("?")], "this help (any key closes it)", hint: "help", .help),
        .init([.character("q"), .escape, .backspace], "back; q quits on the first screen", .back),
        .init([.control("c")], "quit", .quit),
    ])

    /// The list keys every table shares (handled by `TableView.handleMovement`).
    static let movement = KeyTable<Void>([
        .init([.up, .down, .character("k"), .character("j")], "move", hint: "move", ()),
        .init([.pageUp, .pageDown, .control("b"), .control("f")], "page up / down", ()),
        .init([.home, .end, .character("g"), .character("G")], "first / last", ()),
    ])
}
