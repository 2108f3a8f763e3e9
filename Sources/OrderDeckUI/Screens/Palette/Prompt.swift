import OrderDeckCore

/// A one-line prompt in the hint row; it says what it is for ("filter orders: ", "search: ").
public struct Prompt: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Filters the rows of a screen as you type.
        case filter(Screen)
        /// Highlights and jumps to matches (Logs).
        case search
        /// `:` commands.
        case command
        /// Edits one field of the order template (Submit).
        case field(String)
        /// The error and cause to stop an execution with (`x`), confirmed next.
        case stopReason(ExecutionARN)
        /// Where to save what is on screen (ctrl-s).
        case export
    }

    public var kind: Kind
    public var text: String

    public init(_ kind: Kind, text: String = "") {
        self.kind = kind
        self.text = text
    }

    /// What the prompt line says before the text.
    public var label: String {
        switch kind {
        case .filter(let screen): return "filter \(screen == .logs ? "lines" : screen.rawValue): "
        case .search: return "search: "
        case .command: return ":"
        case .field(let name): return "\(name) = "
        case .stopReason(let arn): return "stop \(arn.name) with error: cause = "
        case .export: return "export to (.csv or .jsonl): "
        }
    }
}
