/// The `:` palette's commands, declared once: what runs them, what tab completes, what an unknown
/// command's error lists and what the help overlay says all come from this table.
enum PaletteCommand: String, CaseIterable, Sendable {
    case overview, orders, executions, logs, submit, machine, stack, redrive, quit

    var aliases: [String] {
        switch self {
        case .overview: return ["ov"]
        case .orders: return ["o"]
        case .executions: return ["ex", "e"]
        case .logs: return ["l"]
        case .submit: return ["s"]
        case .machine: return ["m"]
        case .stack, .redrive: return []
        case .quit: return ["q"]
        }
    }

    /// What follows the command's name (nil: nothing).
    var argument: String? {
        switch self {
        case .machine: return "NAME"
        case .stack: return "[NAME]"
        case .redrive: return "[shown]"
        default: return nil
        }
    }

    var help: String {
        switch self {
        case .overview: return "the Overview"
        case .orders: return "the Orders screen"
        case .executions: return "the Executions screen"
        case .logs: return "the Logs screen"
        case .submit: return "the Submit screen"
        case .machine: return "the Executions of that state machine"
        case .stack: return "the configured stacks, or open one (the current one again: as it is now)"
        case .redrive:
            return
                "redrive the execution on screen; shown: every one the Executions list shows that can be (a count, then y/N)"
        case .quit: return "quit"
        }
    }

    static func named(_ word: String) -> PaletteCommand? {
        allCases.first { $0.rawValue == word || $0.aliases.contains(word) }
    }

    /// ":machine NAME"
    var usage: String { ":" + rawValue + (argument.map { " " + $0 } ?? "") }

    /// The help overlay's entries.
    static var helpEntries: [(keys: String, help: String)] {
        allCases.map { command in
            ((["\(command.usage)"] + command.aliases.map { ":" + $0 }).joined(separator: " "), command.help)
        }
    }
}
