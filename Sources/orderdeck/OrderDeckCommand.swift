import ArgumentParser
import Foundation
import ProcessHeap

/// `orderdeck`: the dashboard (no subcommand, once the TUI lands) and the scriptable commands.
@main
struct OrderDeckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "orderdeck",
        abstract: "Watch and drive an AWS serverless order pipeline: orders, executions, logs.",
        discussion: """
            Runs against a real AWS account (profiles, SSO, assume-role) or against the local stack on this machine ('orderdeck local up').

            EXIT STATUSES:
            \(ExitStatus.table)

            DASHBOARD OPTIONS ('orderdeck [options]' opens the dashboard):
            \(dashboardOptions)
            """,
        version: OrderDeckVersion.text,
        subcommands: [
            DashboardCommand.self, DemoCommand.self, OrdersCommand.self, ExecutionsCommand.self, HistoryCommand.self,
            StopCommand.self, RedriveCommand.self, ReplayCommand.self,
            DiffCommand.self,
            LogsCommand.self, SubmitCommand.self,
            SubmissionsCommand.self, CheckCommand.self, WhoAmICommand.self, DiscoverCommand.self, LocalCommand.self,
            ConfigCommand.self,
            AWSCommand.self,
        ],
        defaultSubcommand: DashboardCommand.self
    )

    /// The process's environment is read here, once, and handed to every command in its context.
    /// Diagnostics go to the log file (and stderr with --debug) before anything can log.
    static func main() async {
        let context = CommandContext.process(ProcessInfo.processInfo.environment)
        HeapPolicy.returnLargeBlocksWhenFreed()
        DiagnosticLog.bootstrap(environment: context.environment)
        // A closed pipe shows up as EPIPE on the write, which StandardOutput turns into a quiet end.
        signal(SIGPIPE, SIG_IGN)
        let status = await execute(Array(CommandLine.arguments.dropFirst()), in: context)
        Foundation.exit(status)
    }

    /// Parses and runs one command line with `context`'s environment and streams, and returns its
    /// exit status: the binary's whole life, and what the in-process tests call.
    static func execute(_ arguments: [String], in context: CommandContext, columns: Int? = nil) async -> Int32 {
        await CommandContext.$current.withValue(context) {
            if let unknown = unknownCommand(arguments) {
                let known = configuration.subcommands.map { $0._commandName }.joined(separator: ", ")
                complain("unknown command '\(unknown)' (commands: \(known); 'orderdeck --help' for more)")
                return ExitStatus.usage.rawValue
            }
            if let (command, rest) = commandAfterOptions(arguments) {
                // `orderdeck --profile prod orders` parsed as the dashboard's options would end in
                // "Unexpected argument" under the dashboard's usage: say where options go.
                complain(
                    "options go after the command: orderdeck \(command) \(rest.joined(separator: " "))"
                        + " ('orderdeck \(command) --help' for its options)")
                return status(ExitStatus.usage.rawValue, of: [command])
            }
            do {
                var command = try parseAsRoot(arguments)
                if var asyncCommand = command as? any AsyncParsableCommand {
                    try await asyncCommand.run()
                } else {
                    try command.run()
                }
                return ExitStatus.success.rawValue
            } catch {
                // What `exit(withError:)` would say: help on stdout, anything else on stderr.
                let code = exitCode(for: error)
                let message = fullMessage(for: error, columns: columns)
                if !message.isEmpty {
                    (code == .success ? context.output : context.errors).write(message + "\n")
                }
                return status(code.rawValue, of: arguments)
            }
        }
    }

    /// The status a command line exits with: `diff` keeps diff(1)'s three (bad usage is its 2).
    static func status(_ status: Int32, of arguments: [String]) -> Int32 {
        arguments.first == DiffCommand._commandName ? DiffCommand.exitStatus(status) : status
    }

    /// The dashboard's options as its own help lists them: `orderdeck --help` is where an
    /// operator looks for the flags of the command that runs when none is named.
    static var dashboardOptions: String {
        // Rendered two columns narrower than the root's help, which wraps its discussion again:
        // a line as wide as the screen would be cut a second time.
        let help = DashboardCommand.helpMessage(columns: max(40, screenColumns - 2))
        guard let start = help.range(of: "OPTIONS:\n") else { return help }
        return String(help[start.upperBound...]).trimmingCharacters(in: .newlines)
    }

    /// The width the help is written for, found as swift-argument-parser finds it.
    static var screenColumns: Int {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return CommandContext.current.environment["COLUMNS"].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil } ?? 80
    }

    /// A command named after options (`--profile prod orders`): the command, and the words
    /// around it in the order it takes them. Nil when the first word is the command, or when no
    /// later word names one — a word right after an option may be that option's value, so only
    /// a command name that also parses as no option value counts: the dashboard takes no words.
    static func commandAfterOptions(_ arguments: [String]) -> (String, [String])? {
        guard let first = arguments.first, first.hasPrefix("-"), !["-h", "--help", "--version"].contains(first)
        else { return nil }
        let names = Set(configuration.subcommands.map { $0._commandName }).subtracting([DashboardCommand._commandName])
        guard let index = arguments.indices.dropFirst().first(where: { names.contains(arguments[$0]) }) else {
            return nil
        }
        // `--stack orders` names a stack called "orders": the dashboard's own, parsed as usual.
        if DashboardCommand.parseable(Array(arguments[..<index]) + [arguments[index]]) { return nil }
        return (arguments[index], Array(arguments[..<index]) + arguments[(index + 1)...])
    }

    /// A first word that names no command (the dashboard, the default, takes no words).
    static func unknownCommand(_ arguments: [String]) -> String? {
        guard let first = arguments.first, !first.hasPrefix("-") else { return nil }
        let names = Set(configuration.subcommands.map { $0._commandName } + ["help"])
        return names.contains(first) ? nil : first
    }
}
