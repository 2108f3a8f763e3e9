import TerminalUI

extension DashboardState {
    /// Keys while a prompt is open: text editing, ⏎ to apply, esc to cancel.
    mutating func handlePrompt(_ current: Prompt, _ key: Key) -> [Effect] {
        var text = current.text
        switch key {
        case .escape:
            prompt = nil
            if case .filter = current.kind { applyFilter("") }
            return []
        case .backspace:
            if !text.isEmpty { text.removeLast() }
        case .control("u"):
            text = ""
        case .control("w"):
            // The last word, and the spaces before it (as a shell's ctrl-w).
            while text.last == " " { text.removeLast() }
            while let last = text.last, last != " " { text.removeLast() }
        case .character(let character):
            text.append(character)
        case .tab:
            guard case .command = current.kind else { return [] }
            let completed = completion(of: text)
            text = completed.text
            if completed.candidates.count > 1 { say(completed.candidates.joined(separator: "  ")) }
            if completed.candidates.isEmpty { say("nothing to complete", isError: true) }
        case .enter:
            prompt = nil
            switch current.kind {
            case .filter: applyFilter(text)
            case .search:
                logs.search = text
                logs.findMatch(forward: true, visibleRows: LogsView.tableRows(layout, state: logs))
            case .command: return runCommand(text)
            case .field(let name):
                if let problem = submit.setField(name, text) { say(problem, isError: true) }
            case .stopReason(let arn): askToStop(arn, reason: text)
            case .export: return export(to: text)
            }
            return []
        default:
            return []
        }
        prompt = Prompt(current.kind, text: text)
        if case .filter = current.kind { applyFilter(text) }  // live, as you type
        return []
    }

    /// Text typed (or pasted) into the open prompt as one edit.
    public mutating func type(_ typed: String) -> [Effect] {
        guard let current = prompt else { return [] }
        prompt = Prompt(current.kind, text: current.text + typed)
        if case .filter = current.kind { applyFilter(current.text + typed) }
        return []
    }

    mutating func applyFilter(_ text: String) {
        screens[screen].filter?(&self, text)
    }
}
