import AWSClient
import ArgumentParser
import Foundation
import OrderDeckCore
import TerminalUI

/// `orderdeck diff A B`: two executions side by side — the states each entered, aligned, where
/// the paths part, and per state what differs. Exits as diff(1) does: 0 when they are the same
/// (apart from ids and times), 1 when they differ, 2 when they could not be compared.
struct DiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two executions: where their paths part, and per state what differs.",
        discussion: """
            A and B are order ids or execution ARNs (as 'history' takes them), or saved histories: --file-a/--file-b, or --file with two histories in it. Ids and times (timestamps, ARNs, UUIDs, the executions' names) are not counted as differences unless --strict.
            Naming one execution twice (an order id and its ARN) compares it with itself and says so on stderr.
            Exit status, as diff(1): 0 the same, 1 different, 2 trouble (bad usage, an execution not found, a failed AWS call, bad configuration).
            """)

    @OptionGroup var stack: StackOptions

    @Argument(help: "Two order ids or execution ARNs (one with --file-a or --file-b, none with --file).")
    var targets: [String] = []

    @Option(
        name: .customLong("file-a"),
        help: ArgumentHelp(
            "A as a saved history (get-execution-history output; '-' for standard input).", valueName: "path"))
    var fileA: String?

    @Option(
        name: .customLong("file-b"), help: ArgumentHelp("B as a saved history.", valueName: "path"))
    var fileB: String?

    @Option(help: ArgumentHelp("A file holding both histories (JSON lines: A, then B).", valueName: "path"))
    var file: String?

    @Flag(help: "Count ids and times (timestamps, ARNs, UUIDs, execution names) as differences too.")
    var strict = false

    @Option(help: "table or json.")
    var output: OutputFormat = .table

    func validate() throws {
        let files = [fileA, fileB].compactMap { $0 }.count
        if file != nil {
            guard files == 0, targets.isEmpty else {
                throw ValidationError("--file holds both histories: name no targets, --file-a or --file-b")
            }
            return
        }
        guard targets.count + files == 2 else {
            throw ValidationError(
                "name two executions: order ids or execution ARNs, or --file-a/--file-b (got \(targets.count + files))")
        }
        if [fileA, fileB].filter({ $0 == "-" }).count > 1 {
            throw ValidationError("only one history can come from standard input")
        }
    }

    func run() async throws {
        var same = true
        do {
            try await reportingFailures {
                var (a, b) = try await histories()
                if let identity = a.identity, identity == b.identity {
                    // One execution named twice: compared with itself (one history for both, even
                    // when it is still running), said on stderr, and never "different".
                    Self.complain(
                        "A and B are the same execution (\(TerminalSafe.escape(a.execution.name))): "
                            + "comparing it with itself")
                    b.events = a.events
                }
                same = compare(a, b)
            }
        } catch let code as ExitCode where code != .success {
            // Whatever went wrong (reported above), diff(1)'s "trouble": never 1, which says "different".
            throw ExitStatus.diffTrouble.exitCode
        }
        // Different is not a failure to complain about: the output says how, the status says so.
        if !same { throw ExitStatus.failure.exitCode }
    }

    /// Prints the comparison; whether the two are the same.
    func compare(_ a: Side, _ b: Side) -> Bool {
        let diff = ExecutionDiff(
            Timeline(events: a.events), Timeline(events: b.events),
            options: .init(strict: strict, executionNames: [a.execution.name, b.execution.name]))
        if output == .json {
            print(
                JSONValue.object(
                    [("a", JSONOutput.execution(a.execution)), ("b", JSONOutput.execution(b.execution))]
                        + (diff.json.objectMembers ?? [])
                ).description)
        } else {
            let labels = (Self.label(a), Self.label(b))
            for line in ExecutionDiffText.lines(diff, labels: labels, width: Self.width) { print(line) }
        }
        return diff.isSame
    }

    /// A's and B's histories: from files, or read from the stack (both in one round when both are).
    func histories() async throws -> (Side, Side) {
        if let file {
            let saved = try SavedHistoryFile.read(file)
            guard saved.count == 2 else {
                throw CLIFailure(
                    message: "\(TerminalSafe.escape(file)) holds \(saved.count) histories; --file takes two (A, B)",
                    code: .usage)
            }
            return (Side(saved[0], file: file, number: 0), Side(saved[1], file: file, number: 1))
        }
        var fromFiles: [Int: Side] = [:]
        for (index, path) in [fileA, fileB].enumerated() {
            guard let path else { continue }
            let saved = try SavedHistoryFile.read(path)
            guard saved.count == 1 else {
                throw CLIFailure(
                    message: "\(TerminalSafe.escape(path)) holds \(saved.count) histories; name a file with one",
                    code: .usage)
            }
            fromFiles[index] = Side(saved[0], file: path, number: 0)
        }
        var fetched: [Side] = []
        if !targets.isEmpty {
            let session = try await stack.session()
            let store = ExecutionStore(session: session)
            try await ExecutionResolver(session: session, store: store).histories(targets) { execution, events in
                fetched.append(Side(execution: execution, events: events, identity: "\(execution.arn)"))
            }
        }
        let a = fromFiles[0] ?? fetched.removeFirst()
        let b = fromFiles[1] ?? fetched.removeFirst()
        return (a, b)
    }

    /// One execution to compare: read from the stack or from a file.
    struct Side {
        var execution: Execution
        var events: [ExecutionEvent]
        /// Which execution this is, when that is known: its ARN, or for a saved history without
        /// one, the file and its place in it (nil for standard input). Equal on both sides: one
        /// execution named twice.
        var identity: String?

        /// A history saved without its ARN is given one that only numbers it in its file.
        static let unnamedSaved = "arn:aws:states:::execution:saved:"

        init(execution: Execution, events: [ExecutionEvent], identity: String?) {
            self.execution = execution
            self.events = events
            self.identity = identity
        }

        init(_ saved: SavedHistory, file: String, number: Int) {
            let arn = "\(saved.execution.arn)"
            let path = URL(fileURLWithPath: file).standardizedFileURL.path
            let identity = arn.hasPrefix(Self.unnamedSaved) ? (file == "-" ? nil : "\(path)#\(number)") : arn
            self.init(execution: saved.execution, events: saved.events, identity: identity)
        }
    }

    /// diff(1)'s statuses from any other: 0 the same, 1 different, anything else 2 (trouble).
    static func exitStatus(_ status: Int32) -> Int32 {
        status == ExitStatus.success.rawValue || status == ExitStatus.failure.rawValue
            ? status : ExitStatus.diffTrouble.rawValue
    }

    /// The execution's name: short enough for the column heading, and what an operator recognises.
    static func label(_ side: Side) -> String { side.execution.name }

    /// `COLUMNS`, else the terminal's width; 100 when the output is not a terminal (a file, a pipe).
    static var width: Int {
        if let columns = CommandContext.current.environment["COLUMNS"].flatMap({ Int($0) }), columns > 0 {
            return columns
        }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 100
    }
}
