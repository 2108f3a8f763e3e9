import AWSClient
import ArgumentParser
import Foundation
import OrderDeckCore
import TerminalUI

/// `orderdeck logs`: the vended log groups, once or followed live.
struct LogsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs",
        abstract: "Print (or follow) the state machines' log groups, Step Functions records shown compactly.")

    @OptionGroup var stack: StackOptions

    @Flag(help: "Keep printing new events as they arrive.")
    var follow = false

    @Option(
        help:
            "Where to start: relative (30s, 10m, 2h, 1d, 1w) or an ISO 8601 time (2026-11-24T16:00:00Z; no zone: UTC).")
    var since = SinceArgument(argument: "10m")

    @Option(help: "CloudWatch Logs filter pattern (applied by the service).")
    var filter: String?

    @Option(help: "Only lines matching this regular expression (applied here).")
    var grep: PatternArgument?

    @Option(help: "Only these log groups (default: every watched machine's group).")
    var group: [String] = []

    @Option(help: "table (one line per event) or json (JSON lines).")
    var output: OutputFormat = .table

    @Flag(
        inversion: .prefixedNo,
        help: "With --follow: CloudWatch Logs Live Tail first, FilterLogEvents polling as the fallback.")
    var liveTail = true

    func validate() throws { try check(since, grep) }

    func run() async throws {
        try await reportingFailures {
            // Both checked by `validate()`: neither is nil here.
            let start = since.start(now: Date()) ?? Date()
            let pattern = grep?.expression
            let session = try await stack.session()
            let groups = group.isEmpty ? try await session.logGroups() : try await named(group, in: session)
            let tail = LogTail(
                reader: LogReader(logs: session.logs, budget: session.logsBudget), groups: groups,
                since: start, filterPattern: filter, liveTail: follow && liveTail && session.config.liveTail)
            let emit: ([TailedEvent]) -> Void = { batch in
                for event in batch {
                    let line = output == .json ? JSONOutput.tailed(event).description : Self.compact(event)
                    if let pattern, pattern.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)) == nil {
                        continue
                    }
                    StandardOutput.emit(line + "\n")
                }
            }
            if !follow {
                emit(try await tail.poll())
                return
            }
            // Every 0.5 s while events flow (a new line shows ~0.3 s after it is written), doubling to
            // 10 s when nothing comes: the idle request rate is what it was with 1 s.
            for try await batch in tail.follow(
                interval: .milliseconds(500),
                onState: { state in
                    switch state {
                    case .live: break
                    case .throttled(let wait):
                        StandardError.line("orderdeck: throttled, backing off \(Int(wait.seconds)) s")
                    case .disconnected(let why, let wait):
                        StandardError.line("orderdeck: \(why); retrying in \(Int(wait.seconds)) s")
                    case .mode(let mode):
                        StandardError.line("orderdeck: following by \(mode)")
                    }
                })
            {
                emit(batch)
            }
        }
    }

    /// `time  execution  state  type` for records; the escaped message for anything else.
    static func compact(_ event: TailedEvent) -> String {
        let time = Age.iso(Date(timeIntervalSince1970: Double(event.timestamp) / 1000))
        // A plain line (a function's, an API stage's) says where it came from, as the dashboard does.
        guard let record = event.record else {
            return
                "\(time)  \(TerminalSafe.escape(LogSource.label(group: event.group)))  \(TerminalSafe.escape(event.message))"
        }
        let execution = Execution.name(fromArn: record.executionArn)
        let machine = Execution.machineName(fromArn: record.executionArn) ?? ""
        var line = "\(time)  \(machine)/\(execution)  #\(record.event.id) \(record.event.type)"
        if let state = record.event.stateName { line += "  \(state)" }
        if let error = record.event.error { line += "  error=\(error)" }
        return TerminalSafe.escape(line)
    }

    /// `--group` as given, a machine's name standing for its log group (`--group sample`); a name
    /// that is neither a group path nor a machine is said with the groups the stack has.
    func named(_ groups: [String], in session: StackSession) async throws -> [String] {
        guard groups.contains(where: { !$0.contains("/") }) else { return groups }
        let machines = try await session.machines()
        return try groups.map { name in
            if name.contains("/") { return name }
            if let machine = machines.first(where: { $0.name == name }), let group = machine.logGroupName {
                return group
            }
            let known = machines.compactMap { machine in machine.logGroupName.map { "\(machine.name) (\($0))" } }
            throw CLIFailure(
                message:
                    "--group \(TerminalSafe.escape(name)): not a log group or a machine of stack \(session.config.name) (machines: \(known.joined(separator: ", ")))",
                code: .usage)
        }
    }
}
