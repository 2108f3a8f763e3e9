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
        if let action = GlobalKeys.table.action(for: key) {
            // Drilled into a Map or Parallel, back goes up one level before it leaves the screen.
            if action == .back, screen == .execution, execution.drillOut(visibleRows: ExecutionView.tableRows(self)) {
                return []
            }
            return perform(action, key: key)
        }
        switch screen {
        case .overview: return handleOverview(key)
        case .orders: return handleOrders(key)
        case .executions: return handleExecutions(key)
        case .execution: return handleExecution(key)
        case .logs: return handleLogs(key)
        case .submit: return handleSubmit(key)
        }
    }

    mutating func perform(_ action: GlobalAction, key: Key) -> [Effect] {
        switch action {
        case .show(let target): return show(target)
        case .nextTab:
            let tabs = Screen.tabs(readOnly: stack.readOnly)
            let current = screen == .execution ? Screen.executions : screen
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
        let own: [String]
        switch screen {
        case .overview: own = OverviewKeys.table.hints
        case .orders: own = OrdersKeys.table.hints
        case .executions:
            own = ExecutionsKeys.table.visible(readOnly: stack.readOnly).hints { executionsKeyApplies($0) }
        case .execution:
            own = ExecutionKeys.table.visible(readOnly: stack.readOnly).hints { executionKeyApplies($0) }
        case .logs: own = LogsKeys.table.hints
        case .submit: own = stack.readOnly ? [] : SubmitKeys.table.hints
        }
        let leave = navigation.count > 1 ? "q back" : "q quit"
        return (own, GlobalKeys.table.hints + [leave])
    }

    /// Every key of the current screen for the help overlay, generated from the key tables.
    public var helpLines: [String] {
        if inspector != nil { return KeyTable<InspectorAction>.helpLines(InspectorKeys.table.helpEntries) }
        let movement = GlobalKeys.movement.helpEntries
        let own: [(keys: String, help: String)]
        switch screen {
        case .overview: own = OverviewKeys.table.helpEntries
        case .orders: own = movement + OrdersKeys.table.helpEntries
        case .executions: own = movement + ExecutionsKeys.table.visible(readOnly: stack.readOnly).helpEntries
        case .execution: own = movement + ExecutionKeys.table.visible(readOnly: stack.readOnly).helpEntries
        case .logs: own = movement + LogsKeys.table.helpEntries
        case .submit: own = stack.readOnly ? [("", "read-only: submitting is disabled")] : SubmitKeys.table.helpEntries
        }
        return KeyTable<GlobalAction>.helpLines(
            own + [("", "")] + GlobalKeys.table.helpEntries + [("", "")] + PaletteCommand.helpEntries)
    }
}
