import CNCursesW
import Foundation
import TerminalUI

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a `TerminalApplication` on the real terminal through ncursesw.
///
/// One thread does everything ncurses-related (ncurses is not thread-safe). It sleeps in `poll()`
/// on the keyboard and the wake pipe, reads every pending key, lets the application update and
/// render into a `ScreenBuffer`, and writes only the cells that changed since the last frame. The
/// terminal is restored on every way out: quit, error, SIGTERM, SIGHUP, and SIGINT.
public enum CursesScreen {
    /// Set by signal handlers; read by the loop.
    nonisolated(unsafe) static var stopRequested: sig_atomic_t = 0
    nonisolated(unsafe) static var signalWakeFd: Int32 = -1
    nonisolated(unsafe) static var active = false

    public static func run(_ application: TerminalApplication, wake: WakeSignal) {
        setlocale(LC_ALL, "")
        setenv("ESCDELAY", "25", 0)
        initscr()
        active = true
        atexit { if CursesScreen.active { endwin() } }
        raw()
        noecho()
        nonl()
        keypad(od_stdscr(), true)
        curs_set(0)
        timeout(0)
        let palette = Palette.start()
        installSignalHandlers(wake)
        defer {
            endwin()
            active = false
        }

        var buffer = ScreenBuffer(width: Int(od_cols()), height: Int(od_lines()))
        var previous: ScreenBuffer?
        var dirty = true
        while stopRequested == 0 {
            if application.applyPendingUpdates() { dirty = true }
            if dirty {
                let (width, height) = (Int(od_cols()), Int(od_lines()))
                if buffer.width != width || buffer.height != height {
                    buffer.resize(width: width, height: height)
                    previous = nil
                    clear()
                }
                buffer.clear()
                application.render(into: &buffer)
                flush(buffer, previous: previous, palette: palette)
                previous = buffer
                dirty = false
                if let text = application.takeClipboardRequest() { copyToClipboard(text) }
                if let text = application.takeEditRequest() {
                    let (edited, problem) = ExternalEditor.edit(text)
                    application.finishEdit(edited, problem: problem)
                    previous = nil
                    clear()
                    dirty = true
                    continue
                }
            }
            // Sleep until a key, a posted update, a signal, or the next tick.
            var fds = [
                pollfd(fd: 0, events: Int16(POLLIN), revents: 0),
                pollfd(fd: wake.readEnd, events: Int16(POLLIN), revents: 0),
            ]
            let waited = poll(&fds, 2, Int32(application.nextTick ?? -1))
            if waited == 0 { dirty = true }  // tick
            if fds[1].revents != 0 { wake.drain() }
            var key: wint_t = 0
            while true {
                let result = od_get_wch(&key)
                if result == ERR { break }
                guard let mapped = KeyMapping.map(code: Int32(result), value: key) else { continue }
                if mapped == .resize { previous = nil }
                dirty = true
                if !application.handle(mapped) { return }
            }
        }
    }

    /// Writes the cells that differ from the last frame, in runs of one style.
    static func flush(_ buffer: ScreenBuffer, previous: ScreenBuffer?, palette: Palette) {
        for y in 0..<buffer.height {
            var x = 0
            while x < buffer.width {
                let cell = buffer[x, y]
                if let previous, previous[x, y] == cell, previous.width == buffer.width {
                    x += 1
                    continue
                }
                if cell.text.isEmpty {  // right half of a wide character, drawn with its left half
                    x += 1
                    continue
                }
                var run = cell.text
                var end = x + 1
                while end < buffer.width {
                    let next = buffer[end, y]
                    guard next.style == cell.style else { break }
                    if let previous, previous[end, y] == next { break }
                    run += next.text
                    end += 1
                }
                _ = od_attrset(palette.attributes(for: cell.style))
                _ = run.withCString { od_mvaddstr(Int32(y), Int32(x), $0) }
                x = end
            }
        }
        _ = od_attrset(od_a_normal())
        refresh()
    }

    /// OSC 52: the terminal (and tmux with set-clipboard) puts the text on the clipboard.
    static func copyToClipboard(_ text: String) {
        let sequence = "\u{1B}]52;c;\(Data(text.utf8).base64EncodedString())\u{07}"
        _ = sequence.withCString { write(1, $0, strlen($0)) }
    }

    static func installSignalHandlers(_ wake: WakeSignal) {
        signalWakeFd = wake.writeEnd
        let handler: @convention(c) (Int32) -> Void = { _ in
            CursesScreen.stopRequested = 1
            var byte: UInt8 = 1
            _ = write(CursesScreen.signalWakeFd, &byte, 1)
        }
        signal(SIGTERM, handler)
        signal(SIGHUP, handler)
        signal(SIGINT, handler)
    }
}
