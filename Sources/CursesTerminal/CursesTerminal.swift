import CNCursesW
import Foundation
import TerminalUI

#if canImport(Glibc)
    import Glibc
#endif

/// The terminal through ncursesw: the one `TerminalDevice` that touches a real screen.
///
/// One thread does everything ncurses-related (ncurses is not thread-safe). It sleeps in `poll()`
/// on the keyboard and the wake pipe. Signals are turned into bytes on that pipe — SIGWINCH too,
/// because a process with many threads gets a signal on any of them, and the loop must wake on
/// the one it sleeps in: a resize repaints at once, not when the next update happens to arrive.
/// The terminal is restored on every way out: quit, error, SIGTERM, SIGHUP and SIGINT.
public final class CursesTerminal: TerminalDevice {
    /// Set by signal handlers; read by the loop.
    nonisolated(unsafe) static var stopRequested: sig_atomic_t = 0
    nonisolated(unsafe) static var resizeRequested: sig_atomic_t = 0
    nonisolated(unsafe) static var signalWakeFd: Int32 = -1
    nonisolated(unsafe) static var active = false
    /// The signal that asked to stop, and the terminal's settings before curses changed them.
    nonisolated(unsafe) static var stopSignal: sig_atomic_t = 0
    nonisolated(unsafe) static var savedTermios = termios()
    nonisolated(unsafe) static var haveSavedTermios = false
    nonisolated(unsafe) static var watchdogFd: Int32 = -1

    let wake: WakeSignal
    let palette: Palette

    public init(wake: WakeSignal, mouse: Bool = false) {
        self.wake = wake
        Self.haveSavedTermios = tcgetattr(0, &Self.savedTermios) == 0
        setlocale(LC_ALL, "")
        setenv("ESCDELAY", "25", 0)
        initscr()
        Self.active = true
        atexit { if CursesTerminal.active { endwin() } }
        raw()
        noecho()
        nonl()
        keypad(od_stdscr(), true)
        if mouse { od_enable_mouse() }
        curs_set(0)
        timeout(0)
        palette = Palette.start()
        Self.installSignalHandlers(wake)
    }

    public func shutdown() {
        guard Self.active else { return }
        endwin()
        Self.active = false
    }

    public var size: TerminalSize {
        var rows: Int32 = 0
        var cols: Int32 = 0
        if od_window_size(&rows, &cols) == 0 {
            // ncurses learns a new size only through its own SIGWINCH handler, which we replaced.
            if rows != od_lines() || cols != od_cols() { resize_term(rows, cols) }
            return TerminalSize(width: Int(cols), height: Int(rows))
        }
        return TerminalSize(width: Int(od_cols()), height: Int(od_lines()))
    }

    public func waitForEvents(timeout: Duration?) -> [TerminalEvent] {
        let milliseconds = timeout.map { duration -> Int32 in
            let (seconds, attoseconds) = duration.components
            return Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000)
        }
        var fds = [
            pollfd(fd: 0, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wake.readEnd, events: Int16(POLLIN), revents: 0),
        ]
        _ = poll(&fds, 2, milliseconds ?? -1)
        var events: [TerminalEvent] = []
        if fds[1].revents != 0 {
            wake.drain()
            events.append(.wake)
        }
        if Self.stopRequested != 0 { return [.stop] }
        var resized = false
        if Self.resizeRequested != 0 {
            Self.resizeRequested = 0
            resized = true
            events.append(.resize(size))
        }
        var key: wint_t = 0
        while true {
            let result = od_get_wch(&key)
            if result == ERR { break }
            if Int32(result) == od_key_code_yes(), Int32(key) == od_key_mouse() {
                var x: Int32 = 0
                var y: Int32 = 0
                switch od_read_mouse(&x, &y) {
                case 1: events.append(.key(.mouseClick(x: Int(x), y: Int(y))))
                case 2: events.append(.key(.mouseDoubleClick(x: Int(x), y: Int(y))))
                case 3: events.append(.key(.mouseWheel(up: true)))
                case 4: events.append(.key(.mouseWheel(up: false)))
                default: break
                }
                continue
            }
            guard let mapped = KeyMapping.map(code: Int32(result), value: key) else { continue }
            if mapped == .resize {
                if !resized { events.append(.resize(size)) }
                resized = true
                continue
            }
            events.append(.key(mapped))
        }
        return events
    }

    /// Writes the cells that differ from `previous`, in runs of one style; with no `previous`,
    /// the physical screen is cleared and every cell written.
    public func draw(_ buffer: ScreenBuffer, over previous: ScreenBuffer?) {
        let previous = previous.flatMap { $0.width == buffer.width && $0.height == buffer.height ? $0 : nil }
        if previous == nil {
            erase()
            clearok(od_curscr(), true)
        }
        for run in buffer.runs(over: previous) {
            _ = od_attrset(palette.attributes(for: run.style))
            _ = run.text.withCString { od_mvaddstr(Int32(run.y), Int32(run.x), $0) }
        }
        _ = od_attrset(od_a_normal())
        refresh()
    }

    /// OSC 52: the terminal (and tmux with set-clipboard) puts the text on the clipboard.
    public func copyToClipboard(_ text: String) {
        let sequence = "\u{1B}]52;c;\(Data(text.utf8).base64EncodedString())\u{07}"
        _ = sequence.withCString { write(1, $0, strlen($0)) }
    }

    public func edit(_ text: String) -> EditOutcome {
        let (edited, problem) = ExternalEditor.edit(text)
        return EditOutcome(text: edited, problem: problem)
    }

    /// SIGINT, SIGTERM and SIGHUP always end the dashboard with the terminal restored, even while
    /// the loop is busy and cannot see the request: a thread waits for the signal, gives the loop
    /// a moment to leave the ordinary way, then puts the terminal back itself (the settings saved
    /// at start, the normal screen, the cursor, mouse reporting off) and exits.
    static func startWatchdog() {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        watchdogFd = fds[1]
        let readEnd = fds[0]
        let thread = Thread {
            var byte: UInt8 = 0
            while read(readEnd, &byte, 1) < 0 && errno == EINTR {}
            usleep(1_500_000)
            guard CursesTerminal.active else { return }
            let reset = "\u{1B}[?1000l\u{1B}[?1002l\u{1B}[?1006l\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l\r\n"
            _ = reset.withCString { write(1, $0, strlen($0)) }
            if CursesTerminal.haveSavedTermios { _ = tcsetattr(0, TCSANOW, &CursesTerminal.savedTermios) }
            _exit(128 + Int32(CursesTerminal.stopSignal))
        }
        thread.name = "orderdeck-signal-watchdog"
        thread.start()
    }

    static func installSignalHandlers(_ wake: WakeSignal) {
        signalWakeFd = wake.writeEnd
        let stop: @convention(c) (Int32) -> Void = { signal in
            CursesTerminal.stopRequested = 1
            CursesTerminal.stopSignal = signal
            var byte: UInt8 = 1
            _ = write(CursesTerminal.signalWakeFd, &byte, 1)
            _ = write(CursesTerminal.watchdogFd, &byte, 1)
        }
        startWatchdog()
        let resize: @convention(c) (Int32) -> Void = { _ in
            CursesTerminal.resizeRequested = 1
            var byte: UInt8 = 1
            _ = write(CursesTerminal.signalWakeFd, &byte, 1)
        }
        signal(SIGTERM, stop)
        signal(SIGHUP, stop)
        signal(SIGINT, stop)
        signal(SIGWINCH, resize)
    }
}
