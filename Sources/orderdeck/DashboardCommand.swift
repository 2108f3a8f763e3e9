import AWSClient
import ArgumentParser
import CursesTerminal
import Foundation
import OrderDeckCore
import OrderDeckUI
import TerminalUI

/// `orderdeck` with no subcommand: the dashboard.
struct DashboardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard", abstract: "Open the dashboard (what 'orderdeck' with no subcommand does).")

    @OptionGroup var stack: StackOptions

    @Flag(help: "Hide every action that changes something (submitting orders).")
    var readonly = false

    func run() async throws {
        try await reportingFailures {
            var options = stack
            var session = try await options.session()
            var notice: String?
            // `:stack NAME` closes the dashboard and asks for another stack: open that one (or,
            // when it cannot be resolved, the same one again with the reason in the status line).
            while let next = try await Self.open(
                session: session, readonly: readonly, profile: options.aws.profile, stackNames: options.stackNames(),
                notice: notice)
            {
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

    /// Runs the dashboard on a session until the operator quits (nil) or asks for another stack (its name).
    @discardableResult
    static func open(
        session: StackSession, readonly: Bool, profile: String?, stackNames: [String] = [], notice: String? = nil
    ) async throws -> String? {
        do {
            let config = session.config
            let info = DashboardState.StackInfo(
                name: config.name, region: session.client.region,
                endpoint: session.client.endpoints.endpoint(for: .dynamoDB).url, profile: config.profile ?? profile,
                isLocal: config.isLocal, readOnly: readonly || config.readOnly)
            let wake = WakeSignal()
            let inbox = Inbox(wake: { wake.wake() })
            let journal = SubmissionJournal(
                path: SubmissionJournal.defaultPath(environment: ProcessInfo.processInfo.environment))
            let loaders = DataLoaders(session: session, inbox: inbox, journal: journal)
            var state = DashboardState(stack: info, template: config.orderTemplate)
            state.stackNames = stackNames
            if let notice {
                state.status = notice
                state.statusIsError = notice.hasPrefix("cannot")
            }
            let dashboard = Dashboard(state: state, loaders: loaders, inbox: inbox)
            dashboard.start()
            let application = CursesApplication(dashboard)
            // ncurses runs on a thread of its own; this task waits for it to end.
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let thread = Thread {
                    CursesScreen.run(application, wake: wake)
                    continuation.resume()
                }
                thread.stackSize = 8 << 20
                thread.start()
            }
            dashboard.stop()
            return dashboard.requestedStack
        }
    }
}

/// Adapts the dashboard to the terminal loop's protocol.
///
/// `@unchecked Sendable`: it is built on the calling task and handed to the terminal thread once;
/// from then on only that thread touches it.
final class CursesApplication: TerminalApplication, @unchecked Sendable {
    let dashboard: Dashboard
    init(_ dashboard: Dashboard) { self.dashboard = dashboard }
    func handle(_ key: TerminalUI.Key) -> Bool { dashboard.handle(key) }
    func applyPendingUpdates() -> Bool { dashboard.applyPendingUpdates() }
    func render(into buffer: inout ScreenBuffer) { dashboard.render(into: &buffer) }
    var nextTick: Int? { dashboard.nextTick }
    func takeClipboardRequest() -> String? { dashboard.takeClipboardRequest() }
    func takeEditRequest() -> String? { dashboard.takeEditRequest() }
    func finishEdit(_ text: String?, problem: String?) { dashboard.finishEdit(text, problem: problem) }
}
