import ArgumentParser

/// `orderdeck`: the dashboard (no subcommand, once the TUI lands) and the scriptable commands.
@main
struct OrderDeckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "orderdeck",
        abstract: "Watch and drive an AWS serverless order pipeline: orders, executions, logs.",
        discussion: """
            Runs against a real AWS account (profiles, SSO, assume-role) or against the local stack on this machine ('orderdeck local up').

            Exit codes: 0 success, 1 a failed AWS call or operation, 2 a submitted order's execution failed (submit --wait), 3 the local stack is not running (local status), 4 check found mismatches, 64 bad usage, 78 configuration error.
            """,
        version: "0.1.0",
        subcommands: [
            DashboardCommand.self, DemoCommand.self, OrdersCommand.self, ExecutionsCommand.self, HistoryCommand.self,
            LogsCommand.self, SubmitCommand.self,
            SubmissionsCommand.self, CheckCommand.self, WhoAmICommand.self, LocalCommand.self, ConfigCommand.self,
            AWSCommand.self,
        ],
        defaultSubcommand: DashboardCommand.self
    )

    /// Diagnostics go to the log file (and stderr with --debug) before anything can log.
    static func main() async {
        DiagnosticLog.bootstrap()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
