import Foundation

extension TerminalApplication {
    public var isFinished: Bool { false }

    public func handle(batch keys: [Key]) -> Bool {
        for key in keys where !handle(key) { return false }
        return true
    }
}

/// What the event loop drives. All calls happen on the loop's thread, one at a time.
public protocol TerminalApplication: AnyObject {
    /// Handles one key; returns false to quit.
    func handle(_ key: Key) -> Bool
    /// Handles keys that arrived together (a paste is thousands of them); false to quit. The
    /// default hands them over one by one; an application may take a run of typed characters
    /// as one edit.
    func handle(batch keys: [Key]) -> Bool
    /// The application ended without a key (an update asked it to, e.g. to reopen on a stack
    /// that moved): the loop stops after the frame it is drawing.
    var isFinished: Bool { get }
    /// The terminal has a new size: lay out for it (the next frame is drawn in full).
    func resized(to size: TerminalSize)
    /// Applies results that background work posted; true when the screen must be redrawn.
    func applyPendingUpdates() -> Bool
    func render(into buffer: inout ScreenBuffer)
    /// How long until something on screen changes by itself (a ticking clock, a note that
    /// expires); nil: nothing does, sleep until a key or an update.
    var nextRedraw: Duration? { get }
    /// Text for the terminal clipboard, taken once.
    func takeClipboardRequest() -> String?
    /// Text the operator wants to edit in `$VISUAL`/`$EDITOR`, taken once.
    func takeEditRequest() -> String?
    func finishEdit(_ outcome: EditOutcome)
}
