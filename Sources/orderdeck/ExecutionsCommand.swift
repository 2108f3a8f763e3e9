import AWSClient
import ArgumentParser
import Foundation
import OrderDeckCore
import TerminalUI

/// `orderdeck executions`: executions of every watched machine (Express ones from their logs).
struct ExecutionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "executions",
        abstract: "List state-machine executions (Express executions are rebuilt from the vended logs).")

    @OptionGroup var stack: StackOptions

    @Option(help: "Only this state machine (name or ARN).")
    var machine: String?

    @Option(help: "Only executions with this status (RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED).")
    var status: ExecutionStatusArgument?

    @Option(
        name: .customLong("version"),
        help: ArgumentHelp("Only executions of this published version (Standard machines).", valueName: "n"))
    var machineVersion: MachineVersionArgument?

    @Option(
        name: .customLong("alias"),
        help: ArgumentHelp("Only executions started through this alias (Standard machines).", valueName: "name"))
    var machineAlias: MachineAliasArgument?

    @Option(
        name: .customLong("map-run"),
        help: ArgumentHelp(
            "A Map Run's child executions instead (its ARN: history EXECUTION --map-run lists them).",
            valueName: "arn"))
    var mapRun: MapRunArgument?

    @Flag(
        help: ArgumentHelp(
            "Only executions redriven at least once, or never (ListExecutions' redriveFilter; Express ones are never redriven)."
        ))
    var redrive: RedriveFilterFlag?

    @Option(parsing: .unconditional, help: "At most this many per machine (0: all).")
    var limit: Int = 100

    @Option(help: "table or json.")
    var output: OutputFormat = .table

    func validate() throws {
        if limit < 0 { throw ValidationError("--limit must be ≥ 0 (0: all executions; got \(limit))") }
        try validateMapRun()
        if machineVersion != nil && machineAlias != nil {
            throw ValidationError("--version and --alias each name what ran: give one")
        }
        try check(status, machineVersion, machineAlias)
    }

    func run() async throws {
        try await reportingFailures {
            let status = status?.value
            let session = try await stack.session()
            if let mapRun { return try await listChildren(of: mapRun, session: session, status: status) }
            // As listed: a Standard machine's executions need no DescribeStateMachine.
            let machines = try await session.listedMachines(only: machine)
            let store = ExecutionStore(session: session)
            let qualifier = machineVersion?.value ?? machineAlias?.value
            // A machine named is listed as asked (an Express one says why it cannot be); all: Standard ones.
            let (listed, skipped) =
                machine == nil ? ExecutionStore.listable(machines, qualifier: qualifier) : (machines, [])
            if let qualifier, !skipped.isEmpty {
                StandardError.line(
                    "orderdeck: not listed by \(qualifier): \(skipped.map(\.name).joined(separator: ", ")) (Express: rebuilt from logs, which do not say)"
                )
            }
            // Printed page by page as they arrive: memory stays flat whatever the count.
            var printer = ListingPrinter.executions(format: output)
            for machine in listed {
                try await store.forEachPage(
                    listing: machine, status: status, limit: limit > 0 ? limit : nil, qualifier: qualifier,
                    redriveFilter: redrive?.filter
                ) { page in
                    printer.add(page)
                    return true
                }
            }
            printer.finish()
        }
    }
}

/// `orderdeck history`: one execution's timeline, failing state first.
struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "Show an execution's states and events, by order id or execution ARN.")

    @OptionGroup var stack: StackOptions

    @Argument(help: "Order ids or execution ARNs; '-' reads them from standard input, one per line.")
    var targets: [String] = []

    @Option(
        help: ArgumentHelp(
            "Render histories saved to a file instead ('-' for standard input): get-execution-history output, or JSON lines of it.",
            valueName: "path"))
    var file: String?

    @Option(
        help: ArgumentHelp(
            "A Map's iterations or a Parallel's branches: STATE lists them, STATE:N shows one (nested: A:2/B:0, an earlier attempt: A:0@1).",
            valueName: "path"))
    var drill: String?

    @Flag(help: "Print the raw event list instead of the state timeline.")
    var events = false

    @Flag(
        name: .customLong("map-run"),
        help: "List the execution's Map Runs (its distributed Map states' runs) with their item and execution counts.")
    var mapRuns = false

    @Option(help: "table or json (one JSON object per execution, a line each).")
    var output: OutputFormat = .table

    func validate() throws {
        if targets.isEmpty && file == nil {
            throw ValidationError("name at least one order id or execution ARN (or --file)")
        }
        if !targets.isEmpty && file != nil { throw ValidationError("--file renders saved histories: name no targets") }
        if let drill { _ = try TimelinePath(parsing: drill) }
        try validateMapRuns()
    }

    func run() async throws {
        try await reportingFailures {
            if let file {
                let saved = try SavedHistoryFile.read(file)
                for (index, history) in saved.enumerated() {
                    if output == .table && index > 0 { print("") }
                    try render(history.execution, history.events)
                }
                return
            }
            let session = try await stack.session()
            let store = ExecutionStore(session: session)
            var names: [String] = []
            for target in targets {
                if target == "-" {
                    for line in CommandContext.current.input.lines() {
                        let trimmed = line.trimmingCharacters(in: .whitespaces)
                        if !trimmed.isEmpty { names.append(trimmed) }
                    }
                } else {
                    names.append(target)
                }
            }
            if mapRuns { return try await printMapRuns(names, session: session) }
            var printed = 0
            // Several at once (a shell loop would pay a process each), printed in the order given.
            try await ExecutionResolver(session: session, store: store).histories(names) { execution, history in
                if output == .table && printed > 0 { print("") }
                try render(execution, history)
                printed += 1
            }
        }
    }

    func render(_ execution: Execution, _ history: [ExecutionEvent]) throws {
        let timeline = Timeline(events: history)
        let path = try drill.map(TimelinePath.init(parsing:))
        if output == .json {
            var members: [(String, JSONValue)] = [
                ("execution", JSONOutput.execution(execution)),
                ("failure", timeline.failure.map(JSONOutput.failure) ?? .null),
                ("timeline", .array(timeline.steps.map { JSONOutput.step($0, mapRuns: execution.mapRuns) })),
                // Events attributed by inference (no previousEventId to follow), 0 on AWS.
                ("inferredEvents", .number(String(timeline.inferredEvents))),
            ]
            if let path { members.append(("drill", JSONOutput.drilled(try path.resolve(in: timeline)))) }
            members.append(("events", .array(history.map(JSONOutput.event))))
            print(JSONValue.object(members).description)
            return
        }
        print(HistoryText.header(execution, timeline))
        if events {
            print(HistoryText.events(history))
        } else if let path {
            print(HistoryText.drilled(try path.resolve(in: timeline), path: path))
        } else {
            print(HistoryText.timeline(timeline.steps, mapRuns: execution.mapRuns, redriven: timeline.redriven))
            if let variables = HistoryText.variables(timeline) { print(variables) }
            if let container = timeline.steps.last(where: \.hasChildren) {
                print("drill in: --drill \(container.name)\(container.kind == .map ? ":<iteration>" : ":<branch>")")
            }
        }
    }
}

/// `executions --redriven` / `--not-redriven`.
enum RedriveFilterFlag: String, EnumerableFlag {
    case redriven
    case notRedriven

    var filter: ExecutionRedrive.Filter { self == .redriven ? .redriven : .notRedriven }
}
