/// The terminal as the event loop sees it: a size, events, and a place to put frames. The curses
/// terminal is the one real implementation; tests use an in-memory one that keeps what a real
/// screen would show, so a frame that is not repainted after a resize shows up as blank cells.
public protocol TerminalDevice: AnyObject {
    /// Columns and rows now.
    var size: TerminalSize { get }
    /// Waits until input, a wake-up, a resize or `timeout` (nil: no limit) and returns what
    /// happened (empty on a timeout or a bare wake-up).
    func waitForEvents(timeout: Duration?) -> [TerminalEvent]
    /// Shows `frame`. `previous` is what the terminal is believed to show (nil: nothing is known,
    /// so every cell must be written).
    func draw(_ frame: ScreenBuffer, over previous: ScreenBuffer?)
    /// Puts text on the operator's clipboard (OSC 52).
    func copyToClipboard(_ text: String)
    /// Suspends the screen, lets the operator edit `text` in their editor, and restores it.
    func edit(_ text: String) -> EditOutcome
}

public struct TerminalSize: Hashable, Sendable {
    public var width: Int
    public var height: Int
    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }
}

/// What can wake the loop.
public enum TerminalEvent: Hashable, Sendable {
    case key(Key)
    /// The terminal changed size: whatever it showed is no longer known.
    case resize(TerminalSize)
    /// Background work posted something.
    case wake
    /// SIGINT, SIGTERM or SIGHUP: leave now, restoring the terminal.
    case stop
}

/// The result of an external edit: the new text, or why there is none.
public struct EditOutcome: Sendable, Equatable {
    public var text: String?
    public var problem: String?
    public init(text: String?, problem: String?) {
        self.text = text
        self.problem = problem
    }
}
