import AWSClient
import AWSServices
import ArgumentParser
import Foundation
import OrderDeckCore

/// `orderdeck redrive`: RedriveExecution for a Standard execution that ended badly, by ARN or order
/// id — said first whether it can be, and why not.
struct RedriveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redrive",
        abstract:
            "Redrive a FAILED, TIMED_OUT or ABORTED Standard execution (RedriveExecution), by execution ARN or order id.",
        discussion:
            "It runs again from the states that did not succeed, under the same ARN. Refused, with the reason, before anything is sent: on a read-only stack; an Express execution or the local stack, whose engine does not implement RedriveExecution (64); one still running, one that succeeded, or one Step Functions marks NOT_REDRIVABLE (1, with its reason). --dry-run stops after saying so."
    )

    @OptionGroup var stack: StackOptions

    @Argument(help: "The execution ARN, or the order id (the execution named after it).")
    var target: String

    @Flag(help: "Only say whether it can be redriven (and why not); send nothing.")
    var dryRun = false

    @Flag(help: "Wait for the redriven run to end (exit 2 if it ends badly again, 5 if still running at --timeout).")
    var wait = false

    @Option(help: "Seconds --wait waits.")
    var timeout = 300

    @Option(help: "table or json.")
    var output: OutputFormat = .table

    func run() async throws {
        try await reportingFailures {
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
                    "would redrive \(arn): \(standing.status), redriven \(standing.redriveCount) "
                        + (standing.redriveCount == 1 ? "time" : "times") + " so far")
                return
            }
            if session.config.readOnly { throw CLIFailure(message: "read-only: redriving is disabled", code: .usage) }
            let redriven = try await redriver.redrive(arn, checked: standing)
            var final: ExecutionRedriver.Standing?
            if wait { final = try await waitForEnd(arn, after: redriven, session: session) }
            if output == .json {
                var members: [(String, JSONValue)] = [
                    ("executionArn", .string(arn.rawValue)), ("redriveDate", JSONOutput.date(redriven.redriveDate)),
                    ("redriveCount", .number(String(redriven.before.redriveCount + 1))),
                ]
                if let final { members.append(("status", .string(final.status.rawValue))) }
                print(JSONValue.object(members).description)
            } else {
                print(
                    "redriven \(arn) at \(Age.iso(redriven.redriveDate)) (redrive \(redriven.before.redriveCount + 1))")
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
            if now.redriveCount > redriven.before.redriveCount, now.status.isFinal { return now }
            try await clock.sleep(for: .milliseconds(500))
        }
        print(arn.rawValue)
        throw CLIFailure(message: "\(arn.name) still RUNNING after \(timeout) s", code: .stillRunning)
    }
}
