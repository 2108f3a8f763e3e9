import OrderDeckCore

extension DashboardState {
    /// `:orders`, `:executions`, `:logs`, `:submit`, `:quit`, `:machine NAME`, `:stack [NAME]`.
    mutating func runCommand(_ text: String) -> [Effect] {
        let words = text.split(separator: " ").map(String.init)
        guard let command = PaletteCommand.named(words.first ?? "") else {
            let known = PaletteCommand.allCases.map(\.usage).joined(separator: " ")
            say("unknown command ':\(text)' (try \(known))", isError: true)
            return []
        }
        switch command {
        case .overview: return show(.overview)
        case .orders: return show(.orders)
        case .executions: return show(.executions)
        case .logs: return show(.logs)
        case .submit: return show(.submit)
        case .quit: return [.quit]
        case .machine:
            let names = executions.machines.map(\.name)
            if words.count > 1, executions.selectMachine(named: words[1], visibleRows: layout.listRows) {
                return show(.executions)
            }
            let wanted = words.dropFirst().joined(separator: " ")
            say("no machine '\(wanted)' (known: \(names.joined(separator: ", ")))", isError: true)
        case .stack:
            return switchStack(words.count > 1 ? words[1] : nil)
        case .redrive:
            if stack.readOnly {
                say("read-only: redriving executions is disabled for this stack", isError: true)
                return []
            }
            switch words.dropFirst().first {
            case nil: beginRedrive(screen == .execution ? execution.execution : executions.selected)
            case "shown": beginRedriveShown()
            case let other?: say("':redrive \(other)': say ':redrive' or ':redrive shown'", isError: true)
            }
        }
        return []
    }

    mutating func switchStack(_ name: String?) -> [Effect] {
        let others = stackNames.filter { $0 != stack.name }
        guard let name else {
            if others.isEmpty {
                say("no other stack configured (stacks come from the configuration file)", isError: true)
            } else {
                say("stacks: \(others.joined(separator: ", ")) (now: \(stack.name))")
            }
            return []
        }
        if name == stack.name {
            // Opened again as it is now: a stack whose address changed is read where it is.
            say("reopening stack \(name)")
            return [.switchStack(name)]
        } else if stackNames.contains(name) {
            return [.switchStack(name)]
        } else {
            say(
                "no stack '\(name)'" + (others.isEmpty ? "" : " (known: \(others.joined(separator: ", ")))"),
                isError: true)
        }
        return []
    }

    /// The palette's commands, as tab completes them.
    static let commands = PaletteCommand.allCases.map(\.rawValue)

    /// Tab in the `:` palette: completes the command, then a machine or stack name — as far as the
    /// candidates agree; when they differ, the note lists them.
    func completion(of text: String) -> (text: String, candidates: [String]) {
        let words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        let candidates: [String]
        let prefix: String
        let head: String
        if words.count <= 1 {
            prefix = words.first ?? ""
            head = ""
            candidates = Self.commands.filter { $0.hasPrefix(prefix) }
        } else {
            prefix = words.dropFirst().joined(separator: " ")
            head = words[0] + " "
            switch words[0] {
            case let word where PaletteCommand.named(word) == .machine:
                candidates = executions.machines.map(\.name).filter { $0.hasPrefix(prefix) }
            case let word where PaletteCommand.named(word) == .stack:
                candidates = stackNames.filter { $0.hasPrefix(prefix) }
            case let word where PaletteCommand.named(word) == .redrive:
                candidates = ["shown"].filter { $0.hasPrefix(prefix) }
            default: candidates = []
            }
        }
        guard let first = candidates.first else { return (text, []) }
        if candidates.count == 1 {
            let takesName = head.isEmpty && PaletteCommand.named(first)?.argument != nil
            return (head + first + (takesName ? " " : ""), candidates)
        }
        var common = first
        for candidate in candidates.dropFirst() {
            while !candidate.hasPrefix(common) { common.removeLast() }
        }
        return (head + common, candidates)
    }
}
