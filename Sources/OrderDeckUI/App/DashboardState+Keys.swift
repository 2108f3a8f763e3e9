import TerminalUI

extension DashboardState {
    /// Handles one key; returns what the outside world must do. A prompt, the help and the
    /// inspector take keys first; then the keys every screen shares; then the screen's own.
    public mutating func handle(_ key: Key) -> [Effect] {
        if key != .resize { overview.untouched = false }
        if let effects = handleMouse(key) { return effects }
        // The copy popup goes with the next key; esc, ⏎ and space only close it, any other key
        // also does what it does.
        if copyPopup != nil, key != .resize {
            copyPopup = nil
            if key == .escape || key == .enter || key == .character(" ") { return [] }
        }
        if let confirmation { return answer(confirmation, key) }
        if let prompt { return handlePrompt(prompt, key) }
        if showHelp {
            showHelp = false
            return []
        }
        if inspector != nil { return handleInspector(key) }
        let spec = screens[screen]
        if let action = screens.globalKeys.action(for: key) {
            // A screen may take back first (drilled into a Map, back goes up one level).
            if action == .back, let back = spec.back, back(&self) { return [] }
            return perform(action, key: key)
        }
        return spec.handle(&self, key)
    }

    mutating func perform(_ action: GlobalAction, key: Key) -> [Effect] {
        switch action {
        case .show(let target): return show(target)
        case .nextTab:
            let tabs = screens.tabs(readOnly: stack.readOnly).map(\.screen)
            let current = screens.tab(of: screen)
            return show(tabs[((tabs.firstIndex(of: current) ?? -1) + 1) % tabs.count])
        case .palette:
            prompt = Prompt(.command)
        case .export:
            beginExport()
        case .refresh:
            say("refreshing…")
            return [.refresh]
        case .help:
            showHelp = true
        case .back:
            if navigation.count > 1 { return back() }
            return key == .character("q") ? [.quit] : []
        case .quit:
            return [.quit]
        }
        return []
    }

    /// The hint line: the screen's keys, then help and back/quit.
    public var hints: String { (hintParts.own + hintParts.always).joined(separator: "  ") }

    /// The screen's own hints (dropped from the end when the line is short) and the ones that
    /// always show (help, back or quit).
    public var hintParts: (own: [String], always: [String]) {
        if inspector != nil { return (InspectorKeys.table.hints, []) }
        let spec = screens[screen]
        let own = spec.isAvailable(readOnly: stack.readOnly) ? spec.keys.hints(self) : []
        let leave = navigation.count > 1 ? "q back" : "q quit"
        return (own, screens.globalKeys.hints + [leave])
    }

    /// Every key of the current screen for the help overlay, generated from the key tables.
    public var helpLines: [String] {
        if inspector != nil { return KeyTable<InspectorAction>.helpLines(InspectorKeys.table.helpEntries) }
        let spec = screens[screen]
        let own = spec.readOnlyNote.flatMap { stack.readOnly ? [("", $0)] : nil } ?? spec.keys.help(self)
        return KeyTable<GlobalAction>.helpLines(
            own + [("", "")] + screens.globalKeys.helpEntries + [("", "")] + PaletteCommand.helpEntries)
    }
}
