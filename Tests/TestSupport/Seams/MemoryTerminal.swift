import TerminalUI

/// A terminal in memory that behaves like a real screen: `glass` holds what a person would see.
/// Only the cells a draw writes change it; a resize keeps the old picture clipped to the new size
/// and blank elsewhere (as tmux does), so a loop that does not repaint fully after a resize
/// leaves stale or blank cells that a test can see.
public final class MemoryTerminal: TerminalDevice {
    public private(set) var size: TerminalSize
    public private(set) var glass: ScreenBuffer
    /// Events the next `waitForEvents` returns.
    public var queued: [TerminalEvent] = []
    public private(set) var clipboard: [String] = []
    public var editOutcome = EditOutcome(text: nil, problem: "no editor in tests")
    public private(set) var draws = 0
    public private(set) var cellsWritten = 0

    public init(width: Int, height: Int) {
        size = TerminalSize(width: width, height: height)
        glass = ScreenBuffer(width: width, height: height)
    }

    /// The operator resizes the window: the picture is clipped, and a resize event is queued.
    public func resize(width: Int, height: Int) {
        var clipped = ScreenBuffer(width: width, height: height)
        for y in 0..<min(height, glass.height) {
            for x in 0..<min(width, glass.width) { clipped[x, y] = glass[x, y] }
        }
        glass = clipped
        size = TerminalSize(width: width, height: height)
        queued.append(.resize(size))
    }

    public func waitForEvents(timeout: Duration?) -> [TerminalEvent] {
        defer { queued = [] }
        return queued.isEmpty ? [.stop] : queued
    }

    public func draw(_ frame: ScreenBuffer, over previous: ScreenBuffer?) {
        draws += 1
        let previous = previous.flatMap { $0.width == frame.width && $0.height == frame.height ? $0 : nil }
        if previous == nil { glass = ScreenBuffer(width: size.width, height: size.height) }
        for y in 0..<min(frame.height, glass.height) {
            for x in 0..<min(frame.width, glass.width) where previous?[x, y] != frame[x, y] {
                glass[x, y] = frame[x, y]
                cellsWritten += 1
            }
        }
    }

    public func copyToClipboard(_ text: String) { clipboard.append(text) }

    public func edit(_ text: String) -> EditOutcome { editOutcome }
}
