import AWSClient
import ArgumentParser
import Foundation
import OrderDeckCore
import TerminalUI

/// The AWS CLI's connection flags, shared by every command that talks to AWS.
struct AWSOptions: ParsableArguments {
    @Option(help: "Use a named profile from ~/.aws/config or ~/.aws/credentials.")
    var profile: String?

    @Option(help: "The AWS region (otherwise AWS_REGION, AWS_DEFAULT_REGION, the profile's region).")
    var region: String?

    @Option(name: .customLong("endpoint-url"), help: "Send every request to this URL (e.g. the local stack).")
    var endpointURL: String?

    @Flag(help: "Print diagnostics (requests, retries, credential sources; never secrets) on stderr.")
    var debug = false

    @Option(
        name: .customLong("cli-read-timeout"),
        help: "Seconds one attempt may wait for an answer before it is retried (default 30).")
    var readTimeout: Double?

    var clientOptions: ClientOptions {
        ClientOptions(
            profile: profile, region: region, endpointURL: endpointURL,
            readTimeout: readTimeout.map { .milliseconds(Int($0 * 1000)) })
    }

    /// Resolves configuration and credentials source; errors become one line and exit code 78.
    func resolve(environment: ProcessEnvironment = CommandContext.current.processEnvironment) throws
        -> ClientConfiguration
    {
        do {
            return try ClientConfiguration.resolve(options: clientOptions, environment: environment)
        } catch {
            throw CLIFailure(message: String(describing: error), code: .configuration)
        }
    }
}

/// A failure reported as one line on stderr with a documented exit code.
struct CLIFailure: Error, CustomStringConvertible {
    var message: String
    var code: ExitStatus

    var description: String { message }
}

extension AsyncParsableCommand {
    /// Runs `body`, turning any error into "orderdeck: <one line>" on stderr and an exit code.
    func reportingFailures(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let failure as CLIFailure {
            Self.complain(failure.message)
            throw failure.code.exitCode
        } catch let error as ExitCode {
            throw error
        } catch let problem as StackResolver.Problem {
            Self.complain(problem.description)
            throw ExitStatus.configuration.exitCode
        } catch let notFound as ExecutionResolver.NotFound {
            // Text from outside shown escaped, as every table and message shows it.
            Self.complain(notFound.message(showing: TerminalSafe.escape(notFound.target)))
            throw ExitStatus.failure.exitCode
        } catch CoreError.invalidInput(let message) {
            // Bad input the operator gave (an order that is not JSON, an unknown value): usage.
            Self.complain(message)
            throw ExitStatus.usage.exitCode
        } catch {
            Self.complain(String(describing: error))
            throw ExitStatus.failure.exitCode
        }
    }
}

extension AsyncParsableCommand {
    /// "orderdeck: <what went wrong>" on stderr, always one line.
    static func complain(_ message: String) {
        let line = message.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
        StandardError.line("orderdeck: \(line)")
    }
}
