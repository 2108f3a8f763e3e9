import TerminalUI

/// What the terminal loop drives. All calls happen on the loop's thread, one at a time.
public protocol TerminalApplication: AnyObject {
    /// Handles one key; returns false to quit.
    func handle(_ key: Key) -> Bool
    /// Applies results that background work posted; true when the screen must be redrawn.
    func applyPendingUpdates() -> Bool
    func render(into buffer: inout ScreenBuffer)
    /// Milliseconds until something on screen changes by itself (a ticking clock); nil: never.
    var nextTick: Int? { get }
    /// Text for the terminal clipboard (OSC 52), taken once.
    func takeClipboardRequest() -> String?
    /// Text the operator wants to edit in `$VISUAL`/`$EDITOR`, taken once.
    func takeEditRequest() -> String?
    /// The edited text (nil when the editor failed or was not found).
    func finishEdit(_ text: String?, problem: String?)
}
