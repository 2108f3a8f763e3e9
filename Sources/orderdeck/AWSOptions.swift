import AWSClient
import ArgumentParser
import Foundation

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
    func resolve(environment: ProcessEnvironment = .current) throws -> ClientConfiguration {
        do {
            return try ClientConfiguration.resolve(options: clientOptions, environment: environment)
        } catch {
            throw CLIFailure(message: String(describing: error), code: .configuration)
        }
    }
}

/// A failure reported as one line on stderr with a documented exit code.
struct CLIFailure: Error, CustomStringConvertible {
    enum Code: Int32 {
        case failure = 1
        case usage = 64
        case configuration = 78
    }

    var message: String
    var code: Code

    var description: String { message }
}

extension AsyncParsableCommand {
    /// Runs `body`, turning any error into "orderdeck: <one line>" on stderr and an exit code.
    func reportingFailures(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let failure as CLIFailure {
            FileHandle.standardError.write(Data("orderdeck: \(failure.message)\n".utf8))
            throw ExitCode(failure.code.rawValue)
        } catch let error as ExitCode {
            throw error
        } catch {
            FileHandle.standardError.write(Data("orderdeck: \(String(describing: error))\n".utf8))
            throw ExitCode(CLIFailure.Code.failure.rawValue)
        }
    }
}
