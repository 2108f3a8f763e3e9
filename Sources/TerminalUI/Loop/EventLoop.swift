/// The dashboard's loop, apart from any real terminal (htop's ScreenManager apart from its CRT):
/// wait for events, hand keys to the application, apply background updates, and draw a frame
/// when something changed — only the changed cells, except after a resize or an external
/// editor, when what the terminal shows is unknown and every cell is drawn again.
public final class EventLoop {
    let application: any TerminalApplication
    let terminal: any TerminalDevice
    /// What the terminal is believed to show; nil forces a full repaint.
    private(set) var shown: ScreenBuffer?
    private var buffer: ScreenBuffer
    private var dirty = true
    /// Frames drawn, and how many of them were full repaints (for tests and benchmarks).
    public private(set) var framesDrawn = 0
    public private(set) var fullRepaints = 0

    public init(application: any TerminalApplication, terminal: any TerminalDevice) {
        self.application = application
        self.terminal = terminal
        let size = terminal.size
        buffer = ScreenBuffer(width: size.width, height: size.height)
        application.resized(to: size)
    }

    /// Runs until the application quits or a stop signal arrives.
    public func run() {
        redrawIfNeeded()
        while true {
            let events = terminal.waitForEvents(timeout: application.nextRedraw)
            if events.isEmpty { dirty = true }  // a timeout: something on screen moves by itself
            guard process(events) else { return }
        }
    }

    /// Handles a batch of events and redraws; false when the loop must end.
    @discardableResult
    public func process(_ events: [TerminalEvent]) -> Bool {
        // Keys that arrived together go over as one batch: a paste is one edit, not thousands.
        var keys: [Key] = []
        func handOver() -> Bool {
            defer { keys = [] }
            guard !keys.isEmpty else { return true }
            dirty = true
            return keys.count == 1 ? application.handle(keys[0]) : application.handle(batch: keys)
        }
        for event in events {
            if case .key(let key) = event {
                keys.append(key)
                continue
            }
            guard handOver() else { return false }
            switch event {
            case .stop:
                return false
            case .wake, .key:
                break
            case .resize(let size):
                resize(to: size)
            }
        }
        guard handOver() else { return false }
        redrawIfNeeded()
        return !application.isFinished
    }

    /// Marks the screen as changed (a tick) and redraws.
    public func tick() {
        dirty = true
        redrawIfNeeded()
    }

    func resize(to size: TerminalSize) {
        buffer.resize(width: size.width, height: size.height)
        shown = nil
        dirty = true
        application.resized(to: size)
    }

    func redrawIfNeeded() {
        if application.applyPendingUpdates() { dirty = true }
        // The size can change without an event reaching us first (a resize while blocked in
        // another call): the terminal's own answer decides.
        let size = terminal.size
        if size.width != buffer.width || size.height != buffer.height { resize(to: size) }
        guard dirty else { return }
        buffer.clear()
        application.render(into: &buffer)
        if shown == nil { fullRepaints += 1 }
        terminal.draw(buffer, over: shown)
        framesDrawn += 1
        shown = buffer
        dirty = false
        if let text = application.takeClipboardRequest() { terminal.copyToClipboard(text) }
        if let text = application.takeEditRequest() {
            application.finishEdit(terminal.edit(text))
            shown = nil
            dirty = true
            redrawIfNeeded()
        }
    }
}
