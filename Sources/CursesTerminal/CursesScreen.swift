import TerminalUI

/// Runs a `TerminalApplication` on the real terminal: the curses terminal under the event loop.
public enum CursesScreen {
    public static func run(_ application: any TerminalApplication, wake: WakeSignal, mouse: Bool = false) {
        let terminal = CursesTerminal(wake: wake, mouse: mouse)
        defer { terminal.shutdown() }
        EventLoop(application: application, terminal: terminal).run()
    }
}
