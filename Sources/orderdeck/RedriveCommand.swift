import AWSClient
import AWSServices
import ArgumentParser
import Foundation
import OrderDeckCore
import TerminalUI

/// `orderdeck redrive`: RedriveExecution for a Standard execution that ended badly, by ARN or order
/// id — said first whether it can be, and why not.
struct RedriveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redrive",
        abstract:
            "Redrive a FAILED, TIMED_OUT or ABORTED Standard execution (RedriveExecution), by execution ARN or order id.",
        discussion:
            "It runs again from the states that did not succeed, under the same ARN. Refused, with the reason, before anything is sent: on a read-only stack; an Express execution or the local stack, whose engine does not implement RedriveExecution (64); one still running, one that succeeded, or one Step Functions marks NOT_REDRIVABLE (1, with its reason). --dry-run stops after saying so.\n\nIn bulk, with no target: every execution that ended badly since --since (--status narrows it, --machine names one machine, --not-redriven leaves the ones already redriven alone), one line each of what would happen, then a count to confirm (y on standard input, or --yes); one line each of what happened. Exit 1 when any was not redriven."
    )

    @OptionGroup var stack: StackOptions

    @Argument(help: "The execution ARN, or the order id (the execution named after it). None: in bulk (--since).")
    var target: String?

    @Option(help: "In bulk: executions started since then (30m, 2h, 1d, or an ISO 8601 time).")
    var since: SinceArgument?

    @Option(help: "In bulk: only this status (FAILED, TIMED_OUT, ABORTED; default all three).")
    var status: ExecutionStatusArgument?

    @Option(help: "In bulk: only this state machine (name or ARN).")
    var machine: String?

    @Flag(help: "In bulk: leave executions already redriven alone (ListExecutions' redriveFilter NOT_REDRIVEN).")
    var notRedriven = false

    @Flag(help: "In bulk: redrive without asking.")
    var yes = false

    @Flag(help: "Only say whether it can be redriven (and why not); send nothing.")
    var dryRun = false

    @Flag(help: "Wait for the redriven run to end (exit 2 if it ends badly again, 5 if still running at --timeout).")
    var wait = false

    @Option(help: "Seconds --wait waits.")
    var timeout = 300

    @Option(help: "table or json.")
    var output: OutputFormat = .table

    func validate() throws {
        try check(status)
        try check(since)
        if target == nil && since == nil {
            throw ValidationError(
                "name an execution ARN or order id, or --since for every one that ended badly since then")
        }
        if target != nil && (since != nil || status != nil || machine != nil || notRedriven || yes) {
            throw ValidationError(
                "--since, --status, --machine, --not-redriven and --yes are for the bulk form: name no target")
        }
        if target == nil && wait { throw ValidationError("--wait is for one execution") }
    }

    func run() async throws {
        try await reportingFailures {
            guard let target else { return try await runBulk() }
            let session = try await stack.session()
            let store = ExecutionStore(session: session)
            let arn = ExecutionARN(try await ExecutionResolver(session: session, store: store).arn(for: target))
            let redriver = ExecutionRedriver(session: session)
            let (standing, refusal) = try await redriver.check(arn)
            if let refusal {
                // The ARN or the stack rules it out: the command cannot work here (usage). The
                // execution's own state rules it out: the operation failed (a script racing it).
                let here = ExecutionRedriver.refusedHere(arn, standing: standing, localStack: session.config.isLocal)
                throw CLIFailure(message: refusal, code: here ? .usage : .failure)
            }
            guard let standing else { return }
            if dryRun {
                print(
                    "would redrive \(arn): \(standing.status), redriven \(standing.redrive.count) "
                        + (standing.redrive.count == 1 ? "time" : "times") + " so far")
                return
            }
            if session.config.readOnly { throw CLIFailure(message: "read-only: redriving is disabled", code: .usage) }
            let redriven = try await redriver.redrive(arn, checked: standing)
            var final: ExecutionRedriver.Standing?
            if wait { final = try await waitForEnd(arn, after: redriven, session: session) }
            if output == .json {
                var members: [(String, JSONValue)] = [
                    ("executionArn", .string(arn.rawValue)), ("redriveDate", JSONOutput.date(redriven.redriveDate)),
                    ("redriveCount", .number(String(redriven.before.redrive.count + 1))),
                ]
                if let final { members.append(("status", .string(final.status.rawValue))) }
                print(JSONValue.object(members).description)
            } else {
                print(
                    "redriven \(arn) at \(Age.iso(redriven.redriveDate)) (redrive \(redriven.before.redrive.count + 1))"
                )
                if let final { print("\(arn.name): \(final.status)") }
            }
            if let final, final.status.isFailure {
                throw CLIFailure(message: "execution \(final.status) again after the redrive", code: .executionFailed)
            }
        }
    }

    /// Reads the execution until this redrive has run and ended (its redrive count is up and it is
    /// no longer running or about to).
    func waitForEnd(_ arn: ExecutionARN, after redriven: ExecutionRedriver.Redriven, session: StackSession)
        async throws -> ExecutionRedriver.Standing
    {
        let clock = SystemClock()
        let deadline = clock.now().addingTimeInterval(TimeInterval(timeout))
        while clock.now() < deadline {
            let now = ExecutionRedriver.Standing(try await session.stepFunctions.describeExecution(arn.rawValue))
            if now.redrive.count > redriven.before.redrive.count, now.status.isFinal { return now }
            try await clock.sleep(for: .milliseconds(500))
        }
        print(arn.rawValue)
        throw CLIFailure(message: "\(arn.name) still RUNNING after \(timeout) s", code: .stillRunning)
    }

    /// The bulk form: the plan, one line each; the count confirmed; then one line each of what happened.
    func runBulk() async throws {
        let session = try await stack.session()
        let machines = try await session.listedMachines(only: machine)
        let start = since?.start(now: Date())
        let wanted = status?.value.map(ExecutionStatus.init(rawValue:))
        if let status = wanted, !status.isFailure {
            throw CLIFailure(
                message: "--status \(status): only FAILED, TIMED_OUT or ABORTED executions are redriven", code: .usage)
        }
        let plan = try await RedrivePlan.make(
            session: session, machines: machines, statuses: wanted.map { [$0] } ?? [], since: start,
            notRedrivenOnly: notRedriven)
        for name in plan.expressMachines {
            report(
                nil, "skip",
                "\(name) is an Express machine: its executions cannot be redriven (re-run them as new orders)")
        }
        for entry in plan.entries {
            if let refusal = entry.refusal {
                report(entry.execution.arn, "skip", refusal)
            } else if dryRun || !yes {
                report(
                    entry.execution.arn, "would redrive",
                    "\(entry.execution.status), redriven \(entry.execution.redrive.count)× so far")
            }
        }
        let chosen = plan.chosen
        let summary =
            "\(chosen.count) of \(plan.entries.count) execution\(plan.entries.count == 1 ? "" : "s") that ended badly"
        if chosen.isEmpty {
            // None that ended badly can go (each said why above): as documented, exit 1 when any
            // was not redriven; none at all that ended badly is a clean 0.
            guard plan.entries.isEmpty else {
                throw CLIFailure(message: "nothing redriven: \(summary) can be redriven", code: .failure)
            }
            printNote("nothing to redrive: no execution ended badly since then")
            return
        }
        if dryRun {
            printNote("would redrive \(summary)")
            return
        }
        if session.config.readOnly { throw CLIFailure(message: "read-only: redriving is disabled", code: .usage) }
        if !yes {
            CommandContext.current.errors.write("redrive \(summary) on \(session.config.name)? [y/N] ")
            guard let answer = CommandContext.current.input.firstLine() else {
                throw CLIFailure(
                    message: "not confirmed: \(chosen.count) would be redriven; answer y, or pass --yes", code: .usage)
            }
            guard ["y", "yes"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased()) else {
                printNote("nothing redriven")
                return
            }
        }
        let redriver = ExecutionRedriver(session: session)
        var failed = 0
        for entry in chosen {
            let arn = entry.execution.arn
            do {
                let redriven = try await redriver.redrive(arn, checked: entry.standing)
                report(
                    arn, "redriven", "redrive \(redriven.before.redrive.count + 1) at \(Age.iso(redriven.redriveDate))")
            } catch {
                failed += 1
                report(arn, "failed", LoadFailure(error).message)
            }
        }
        printNote("redrove \(chosen.count - failed) of \(chosen.count)")
        if failed > 0 { throw CLIFailure(message: "\(failed) of \(chosen.count) not redriven", code: .failure) }
    }

    /// One line per execution: `ACTION  NAME  detail` (table) or a JSON object.
    func report(_ arn: ExecutionARN?, _ action: String, _ detail: String) {
        if output == .json {
            print(
                JSONValue.object([
                    ("executionArn", arn.map { .string($0.rawValue) } ?? .null), ("action", .string(action)),
                    ("detail", .string(detail)),
                ]).description)
        } else {
            print(
                "\(action.padding(toLength: 13, withPad: " ", startingAt: 0)) \(arn?.name ?? "-")  \(TerminalSafe.escape(detail))"
            )
        }
    }

    /// The count lines: on standard error in JSON mode, so standard output stays one object a line.
    func printNote(_ text: String) {
        if output == .json { CommandContext.current.errors.write(text + "\n") } else { print(text) }
    }
}
