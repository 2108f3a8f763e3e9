extension Key {
    /// How the key is written in hints and help ("⏎", "esc", "ctrl-c", "pgdn", "G").
    public var displayName: String {
        switch self {
        case .character(" "): return "space"
        case .character(let character): return String(character)
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .pageUp: return "pgup"
        case .pageDown: return "pgdn"
        case .home: return "home"
        case .end: return "end"
        case .enter: return "⏎"
        case .escape: return "esc"
        case .backspace: return "⌫"
        case .tab: return "tab"
        case .backTab: return "shift-tab"
        case .delete: return "del"
        case .control(let character): return "ctrl-\(character)"
        case .function(let number): return "F\(number)"
        case .resize: return "resize"
        case .mouseClick: return "click"
        case .mouseDoubleClick: return "double-click"
        case .mouseWheel(let up): return up ? "wheel-up" : "wheel-down"
        }
    }
}
