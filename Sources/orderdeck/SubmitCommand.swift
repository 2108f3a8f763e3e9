import AWSClient
import ArgumentParser
import Foundation
import OrderDeckCore

/// `orderdeck submit`: send an order to the stack's API endpoint, journaled first.
struct SubmitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Submit an order through one of the stack's front doors (journaled before it is sent).",
        discussion:
            "Front doors (--via): api POSTs to the API Gateway endpoint; appsync calls the AppSync API's postOrder mutation (which sends to the queue); queue sends an SQS message in the {\"input\": order} wrapper the queue's consumer expects (the message id becomes the order id and the execution's name); execution calls StartExecution on the Standard machine, named after the order id. Without --via: the first of api, appsync, queue, execution the stack has.\n\nExit codes: 0 accepted (and with --wait: SUCCEEDED), 1 not accepted or no answer, 2 the execution ended FAILED/TIMED_OUT/ABORTED, 5 accepted and still RUNNING when --timeout ran out (the execution ARN on stdout, 'still RUNNING' on stderr)."
    )

    @OptionGroup var stack: StackOptions

    @Option(help: "Read the order JSON from this file ('-' for stdin).")
    var file: String?

    @Option(help: "The order JSON inline.")
    var data: String?

    @Option(help: "Front door: api, appsync, queue or execution (default: the first the stack has, in that order).")
    var via: FrontDoorArgument?

    @Flag(help: "Wait for the execution to finish and report its status.")
    var wait = false

    @Option(help: "Seconds to wait with --wait.")
    var timeout: Int = 300

    @Option(help: "table or json.")
    var output: OutputFormat = .table

    func validate() throws { try check(via) }

    func run() async throws {
        try await reportingFailures {
            // The operator's input is checked before anything is contacted: bad input is 64 whatever
            // the stack's state.
            var given: JSONValue?
            if let data {
                given = try OrderTemplate.parse(data)
            } else if let file {
                let text = String(decoding: try InputFile.read(file), as: UTF8.self)
                given = try OrderTemplate.parse(text)
            }
            let session = try await stack.session()
            if via?.value?.assignsTheOrderId == true, given?["id"] != nil {
                // Said, not silently dropped: post_order names the order after the message.
                StandardError.line(
                    "orderdeck: through the queue the order's id is the message id SQS gives it; its \"id\" is not used"
                )
            }
            let order =
                given ?? OrderTemplate.fresh(from: session.config.orderTemplate ?? StackConfig.defaultOrderTemplate)
            let journal = SubmissionJournal(
                path: SubmissionJournal.defaultPath(environment: CommandContext.current.environment))
            let submitter = Submitter(
                session: session, journal: journal, environment: CommandContext.current.environment)
            var submission = try await submitter.submit(order, via: via?.value)
            if wait, submission.isAccepted {
                StandardError.line("waiting for \(submission.executionArn ?? "the execution")…")
                if let arn = submission.executionArn {
                    do {
                        submission = try await submitter.waitForCompletion(submission, timeout: .seconds(timeout))
                    } catch CoreError.notFound {
                        // The only "not found" once the ARN is known: the wait ran out. The order
                        // was accepted and runs on: the ARN for a script, its own status.
                        print(arn)
                        Self.complain(
                            "\(Execution.name(fromArn: arn)) still RUNNING after \(timeout) s ('orderdeck history \(arn)' shows where it is)"
                        )
                        throw ExitStatus.stillRunning.exitCode
                    }
                } else {
                    submission = try await submitter.waitForCompletion(submission, timeout: .seconds(timeout))
                }
            }
            SubmissionsCommand.show([submission], output: output, journal: journal)
            if !submission.isAccepted { throw ExitStatus.failure.exitCode }
            if let status = submission.executionStatus, status != .succeeded, let arn = submission.executionArn {
                // Why it did not succeed, as `history` shows it: the failing state, error and cause.
                let resolver = ExecutionResolver(session: session, store: ExecutionStore(session: session))
                if let failure = await resolver.failure(of: arn) {
                    Self.complain(
                        "execution \(status) in \(failure.state ?? "the execution"): \(failure.error ?? "no error")"
                            + (failure.cause.map { " — \($0)" } ?? ""))
                } else {
                    Self.complain("execution \(status) (see 'orderdeck history \(arn)')")
                }
            }
            if let status = submission.executionStatus, status != .succeeded {
                throw ExitStatus.executionFailed.exitCode
            }
        }
    }
}

/// `orderdeck submissions`: the journal, and re-sending from it.
struct SubmissionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submissions", abstract: "List journaled submissions; re-send one with --resend ID.")

    @OptionGroup var stack: StackOptions

    @Option(help: "Send this submission again (same order id, so an accepted order is not run twice).")
    var resend: String?

    @Option(help: "table or json.")
    var output: OutputFormat = .table

    func run() async throws {
        try await reportingFailures {
            let journal = SubmissionJournal(
                path: SubmissionJournal.defaultPath(environment: CommandContext.current.environment))
            if let resend {
                let all = try await journal.all()
                let journaled =
                    all.first { $0.id == resend || $0.id.hasPrefix(resend) } ?? all.first { $0.orderId == resend }
                let submission = try await Submitter(
                    session: try await stack.session(), journal: journal,
                    environment: CommandContext.current.environment
                ).resend(
                    id: resend)
                if let journaled, journaled.door == .api, journaled.url != submission.url {
                    StandardError.line(
                        "orderdeck: the stack's endpoint changed since the first send (\(journaled.url)); sent to \(submission.url)"
                    )
                }
                StandardError.line(
                    submission.isAccepted
                        ? "orderdeck: re-sent submission \(submission.id.prefix(8)) — order \(submission.orderId) again, same id (send #\(submission.attempts))"
                        : "orderdeck: submission \(submission.id.prefix(8)) sent again (send #\(submission.attempts)) and not accepted: \(submission.outcome(inProcess: true))"
                )
                Self.show([submission], output: output, journal: journal)
                if !submission.isAccepted { throw ExitStatus.failure.exitCode }
                return
            }
            let all = try await journal.all()
            for warning in await journal.warnings {
                StandardError.line("orderdeck: \(warning)")
            }
            Self.show(all, output: output, journal: journal, inProcess: false)
        }
    }

    static func show(
        _ submissions: [Submission], output: OutputFormat, journal: SubmissionJournal, inProcess: Bool = true
    ) {
        switch output {
        case .json:
            print(JSONValue.array(submissions.map(JSONOutput.submission)).description)
        case .table:
            var table = TextTable(
                headers: ["SUBMISSION", "ORDER", "VIA", "SENT", "TRIES", "OUTCOME", "REQUEST", "EXECUTION"],
                maxWidth: 48)
            for submission in submissions {
                table.add([
                    String(submission.id.prefix(8)), submission.orderId.isEmpty ? "-" : submission.orderId,
                    submission.door.rawValue, Age.iso(submission.createdAt),
                    String(submission.attempts),
                    submission.outcome(inProcess: inProcess), submission.requestId ?? "-",
                    submission.executionArn.map(Execution.name(fromArn:)) ?? "-",
                ])
            }
            print(table.render())
        }
    }
}
