import AWSClient
import ArgumentParser
import CursesTerminal
import Foundation
import LocalStack
import OrderDeckCore
import OrderDeckUI
import TerminalUI

/// `orderdeck` with no subcommand: the dashboard.
struct DashboardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard", abstract: "Open the dashboard (what 'orderdeck' with no subcommand does).")

    @OptionGroup var stack: StackOptions

    @Flag(
        help:
            "Hide every action that changes something: the Submit screen (submitting and re-sending orders), re-running an execution (n) and stopping one (x)."
    )
    var readonly = false

    @Flag(
        help:
            "Take the mouse: click selects, double-click opens, the wheel scrolls, a tab click switches (or 'mouse = true' in the stack's configuration)."
    )
    var mouse = false

    /// Whether these words are the dashboard's own options (and their values).
    static func parseable(_ arguments: [String]) -> Bool { (try? parse(arguments)) != nil }

    func run() async throws {
        try await reportingFailures {
            var options = stack
            var session = try await options.session()
            var notice: String?
            var resumeTab: Screen?
            // `:stack NAME` closes the dashboard and asks for another stack: open that one (or,
            // when it cannot be resolved, the same one again with the reason in the status line).
            // The same stack asked for again moved (new ports): it reopens on the tab it was on.
            while let (next, tab) = try await Self.open(
                session: session, readonly: readonly, profile: options.aws.profile, stackNames: options.stackNames(),
                notice: notice, mouse: mouse, resumeTab: resumeTab)
            {
                resumeTab = next == session.config.name ? tab : nil
                var candidate = options
                candidate.stack = next
                do {
                    session = try await candidate.session()
                    options = candidate
                    notice = "switched to stack \(next)"
                } catch {
                    notice = "cannot switch to stack \(next): \(error)"
                }
            }
        }
    }

    /// Runs the dashboard on a session until the operator quits (nil) or asks for another stack
    /// (its name, and the tab the dashboard was on).
    @discardableResult
    static func open(
        session: StackSession, readonly: Bool, profile: String?, stackNames: [String] = [], notice: String? = nil,
        mouse: Bool = false, resumeTab: Screen? = nil
    ) async throws -> (stack: String, tab: Screen)? {
        do {
            let config = session.config
            let info = StackInfo(
                name: config.name, region: session.client.region,
                endpoint: session.client.endpoints.endpoint(for: .dynamoDB).url, profile: config.profile ?? profile,
                isLocal: config.isLocal, readOnly: readonly || config.readOnly, doors: FrontDoor.available(in: config))
            // The composition root: the real clock, the live data source, the curses terminal.
            let clock = SystemClock()
            let wake = WakeSignal()
            let journal = SubmissionJournal(
                path: SubmissionJournal.defaultPath(environment: CommandContext.current.environment))
            // ORDERDECK_NO_ORDER_STREAM=1: orders by timed reads even where the table has a stream
            // (case 10's comparison).
            let directories = StateDirectories.resolve(environment: CommandContext.current.environment)
            let source = StackDashboardSource(
                session: session, journal: journal, clock: clock,
                followsStream: CommandContext.current.environment["ORDERDECK_NO_ORDER_STREAM"] != "1",
                replayEngine: { try await ReplayCommand.engine(directories: directories).0 })
            var state = DashboardState(stack: info, template: config.orderTemplate)
            state.stackNames = stackNames
            state.exportDirectory = ExportTable.directory(environment: CommandContext.current.environment)
            state.homeDirectory = ProcessEnvironment(variables: CommandContext.current.environment)["HOME"]
            state.overview.isStartScreen = true
            if let resumeTab { state.resume(on: resumeTab) }
            state.clipboardConfirmed = ClipboardSupport.terminalTakesOSC52(CommandContext.current.environment)
            if let notice {
                state.note = Note(notice, isError: notice.hasPrefix("cannot"), now: clock.now())
            }
            // ORDERDECK_TIMED_REFRESH_ONLY=1: the timed reads alone (what Benchmarks/run.py case 10
            // compares log-driven refreshes with).
            let timedOnly = CommandContext.current.environment["ORDERDECK_TIMED_REFRESH_ONLY"] == "1"
            let dashboard = Dashboard(
                state: state, source: source, clock: clock, orderWindow: config.orderWindow,
                logDrivenRefresh: !timedOnly, wake: { wake.wake() })
            dashboard.start()
            let watcher = LocalStackWatch.start(for: config, inbox: dashboard.inbox)
            defer { watcher?.cancel() }
            let application = CursesApplication(dashboard)
            // ncurses runs on a thread of its own; this task waits for it to end.
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let thread = Thread {
                    CursesScreen.run(application.dashboard, wake: wake, mouse: mouse || session.config.mouse)
                    continuation.resume()
                }
                thread.stackSize = 8 << 20
                thread.start()
            }
            dashboard.stop()
            return dashboard.requestedStack.map { ($0, dashboard.state.tab) }
        }
    }
}

/// Hands the dashboard to the terminal thread.
///
/// `@unchecked Sendable`: it is built on the calling task and handed to the terminal thread once;
/// from then on only that thread touches it.
final class CursesApplication: @unchecked Sendable {
    let dashboard: Dashboard
    init(_ dashboard: Dashboard) { self.dashboard = dashboard }

}

/// Whether the terminal can be trusted with OSC 52 copies.
enum ClipboardSupport {
    /// Terminals known to take OSC 52 copies without asking (or the operator says so with
    /// ORDERDECK_CLIPBOARD=osc52); elsewhere a copied value also shows in a popup to select.
    static func terminalTakesOSC52(_ environment: [String: String]) -> Bool {
        if environment["ORDERDECK_CLIPBOARD"] == "osc52" { return true }
        if environment["TMUX"] != nil { return false }  // depends on tmux's set-clipboard
        let known = ["iTerm.app", "WezTerm", "ghostty"]
        return known.contains(environment["TERM_PROGRAM"] ?? "") || (environment["TERM"] ?? "").hasSuffix("kitty")
    }
}
