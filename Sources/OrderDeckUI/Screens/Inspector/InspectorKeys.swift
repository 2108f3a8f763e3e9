import TerminalUI

/// The inspector's keys (its movement and folding are `JSONInspector.handle`'s; this table is
/// what the hints and the help say, and what closes it).
enum InspectorAction: Sendable {
    case move, fold, foldAll, copy, close, quit
}

enum InspectorKeys {
    static let table = KeyTable<InspectorAction>([
        .init([.up, .down, .character("k"), .character("j")], "move", hint: "move", .move),
        .init([.pageUp, .pageDown, .home, .end, .character("g"), .character("G")], "page, first / last", .move),
        .init([.enter, .character(" ")], "fold / unfold the object or array", hint: "fold", .fold),
        .init([.left, .character("h")], "fold (on a member: go to its parent)", .fold),
        .init([.right, .character("l")], "unfold", .fold),
        .init([.character("z"), .character("Z")], "fold everything / unfold everything", .foldAll),
        .init([.character("y")], "copy the selected value as JSON", hint: "copy", .copy),
        .init([.escape, .character("q"), .character("i"), .backspace], "close", hint: "close", .close),
        .init([.control("c")], "quit", .quit),
    ])
}

extension DashboardState {
    mutating func handleInspector(_ key: Key) -> [Effect] {
        switch InspectorKeys.table.action(for: key) {
        case .close:
            inspector = nil
        case .quit:
            return [.quit]
        case .copy:
            guard let text = inspector?.selectedText else { return [] }
            return copy(text)
        default:
            let rows = max(1, layout.bodyHeight - 1)
            _ = inspector?.handle(key, rows: rows)
        }
        return []
    }
}
