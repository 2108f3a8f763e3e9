import AWSClient
import ArgumentParser
import Foundation
import OrderDeckCore
import TerminalUI

/// `orderdeck diff A B`: two executions side by side — the states each entered, aligned, where
/// the paths part, and per state what differs. Exits 0 when they are the same (apart from ids and
/// times), 1 when they differ, as diff(1) does.
struct DiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two executions: where their paths part, and per state what differs.",
        discussion: """
            A and B are order ids or execution ARNs (as 'history' takes them), or saved histories: --file-a/--file-b, or --file with two histories in it. Ids and times (timestamps, ARNs, UUIDs, the executions' names) are not counted as differences unless --strict.
            Exit status: 0 the same, 1 different (or a failed AWS call), 64 bad usage.
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
        try await reportingFailures {
            let (a, b) = try await histories()
            let diff = ExecutionDiff(
                Timeline(events: a.events), Timeline(events: b.events),
                options: .init(strict: strict, executionNames: [a.execution.name, b.execution.name]))
            same = diff.isSame
            if output == .json {
                print(
                    JSONValue.object(
                        [("a", JSONOutput.execution(a.execution)), ("b", JSONOutput.execution(b.execution))]
                            + (diff.json.objectMembers ?? [])
                    ).description)
                return
            }
            let labels = (Self.label(a), Self.label(b))
            for line in ExecutionDiffText.lines(diff, labels: labels, width: Self.width) { print(line) }
        }
        // Different is not a failure to complain about: the output says how, the status says so.
        if !same { throw ExitStatus.failure.exitCode }
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
            return (Side(saved[0]), Side(saved[1]))
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
            fromFiles[index] = Side(saved[0])
        }
        var fetched: [Side] = []
        if !targets.isEmpty {
            let session = try await stack.session()
            let store = ExecutionStore(session: session)
            try await ExecutionResolver(session: session, store: store).histories(targets) { execution, events in
                fetched.append(Side(execution: execution, events: events))
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

        init(execution: Execution, events: [ExecutionEvent]) {
            self.execution = execution
            self.events = events
        }

        init(_ saved: SavedHistory) { self.init(execution: saved.execution, events: saved.events) }
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
