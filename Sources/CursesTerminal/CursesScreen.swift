import TerminalUI

/// Runs a `TerminalApplication` on the real terminal: the curses terminal under the event loop.
public enum CursesScreen {
    public static func run(_ application: any TerminalApplication, wake: WakeSignal) {
        let terminal = CursesTerminal(wake: wake)
        defer { terminal.shutdown() }
        EventLoop(application: application, terminal: terminal).run()
    }
}
