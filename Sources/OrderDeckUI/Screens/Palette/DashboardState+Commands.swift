extension DashboardState {
    /// `:orders`, `:executions`, `:logs`, `:submit`, `:quit`, `:machine NAME`, `:stack [NAME]`.
    mutating func runCommand(_ text: String) -> [Effect] {
        let words = text.split(separator: " ").map(String.init)
        switch words.first ?? "" {
        case "orders", "o": return show(.orders)
        case "executions", "ex", "e": return show(.executions)
        case "logs", "l": return show(.logs)
        case "submit", "s": return show(.submit)
        case "quit", "q": return [.quit]
        case "machine", "m":
            let names = executions.machines.map(\.name)
            if words.count > 1, executions.selectMachine(named: words[1], visibleRows: layout.listRows) {
                return show(.executions)
            }
            let wanted = words.dropFirst().joined(separator: " ")
            say("no machine '\(wanted)' (known: \(names.joined(separator: ", ")))", isError: true)
        case "stack":
            return switchStack(words.count > 1 ? words[1] : nil)
        default:
            say(
                "unknown command ':\(text)' (try :orders :executions :logs :submit :machine NAME :stack NAME :quit)",
                isError: true)
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
            say("already on stack \(name)")
        } else if stackNames.contains(name) {
            return [.switchStack(name)]
        } else {
            say(
                "no stack '\(name)'" + (others.isEmpty ? "" : " (known: \(others.joined(separator: ", ")))"),
                isError: true)
        }
        return []
    }
}
