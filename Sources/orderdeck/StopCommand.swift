import AWSServices
import ArgumentParser
import Foundation
import OrderDeckCore

/// `orderdeck stop`: StopExecution for a RUNNING Standard execution, by ARN or order id.
struct StopCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stop",
        abstract: "Stop a RUNNING Standard execution (StopExecution), by execution ARN or order id.",
        discussion:
            "Refused, with the reason: on a read-only stack, for an Express execution (64, StopExecution does not take them), and for one that already ended (1, with its status)."
    )

    @OptionGroup var stack: StackOptions

    @Argument(help: "The execution ARN, or the order id (the execution named after it).")
    var target: String

    @Option(help: "The error recorded on the execution (e.g. Operator.Stopped).")
    var error: String?

    @Option(help: "The cause recorded on the execution.")
    var cause: String?

    @Option(help: "table or json.")
    var output: OutputFormat = .table

    func run() async throws {
        try await reportingFailures {
            let session = try await stack.session()
            let store = ExecutionStore(session: session)
            let arn = try await ExecutionResolver(session: session, store: store).arn(for: target)
            let execution = ExecutionARN(arn)
            if !execution.isExpress, !session.config.readOnly {
                // Already ended is not bad usage: the command was right, the execution moved on
                // (a script racing its end). A failed operation (1), in the dashboard's words.
                let status = ExecutionStatus(rawValue: try await session.stepFunctions.describeExecution(arn).status)
                if let refusal = ExecutionStopper.refusal(execution, status: status) {
                    throw CLIFailure(message: refusal, code: .failure)
                }
            }
            let stopped = try await ExecutionStopper(session: session).stop(
                ExecutionARN(arn), error: error, cause: cause)
            if output == .json {
                print(JSONOutput.execution(stopped).description)
            } else {
                let detail = [error, cause].compactMap { $0 }.joined(separator: ": ")
                print("stopped \(arn): \(stopped.status)" + (detail.isEmpty ? "" : " (\(detail))"))
            }
        }
    }
}
