import AWSClient
import AWSServices
import ArgumentParser
import Foundation
import LocalStack
import OrderDeckCore

/// `orderdeck aws template`: the CloudFormation template of the order system.
struct AWSCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aws", abstract: "The order system for a real AWS account (CloudFormation).",
        subcommands: [Template.self])

    struct Template: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the CloudFormation template, rendered from the same ASL files the local stack runs.")

        func run() async throws {
            try await reportingFailures {
                print(try AWSStackTemplate.render(environment: CommandContext.current.environment), terminator: "")
            }
        }
    }
}

/// `orderdeck config init --from-stack NAME`: an OrderDeck configuration for a deployed stack.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "Create OrderDeck configuration.", subcommands: [Init.self])

    struct Init: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Write a configuration for a stack deployed from config/aws/order-system.yaml (reads its outputs), or for the running local stack (--local)."
        )

        @Option(name: .customLong("from-stack"), help: "The CloudFormation stack name.")
        var fromStack: String?

        @Flag(help: "Describe the running local stack (its endpoint, table, machines, API) instead.")
        var local = false

        @Flag(help: "Describe what 'orderdeck discover' finds with these AWS settings instead.")
        var discover = false

        @Option(help: "Where to write it ('-' for standard output; default ~/.config/orderdeck/config.toml).")
        var file: String?

        @Flag(help: "Replace an existing file.")
        var force = false

        @OptionGroup var aws: AWSOptions

        func run() async throws {
            try await reportingFailures {
                guard [local, discover, fromStack != nil].filter({ $0 }).count == 1 else {
                    throw CLIFailure(message: "say which stack: --from-stack NAME, --local or --discover", code: .usage)
                }
                if discover {
                    let configuration = try aws.resolve()
                    let found = try await PipelineDiscovery(client: configuration.makeClient()).discover()
                    try write(
                        StackConfigWriter.discovered(
                            found, profile: aws.profile, region: configuration.region, endpointURL: aws.endpointURL),
                        name: "discovered")
                    return
                }
                guard let fromStack else {
                    let directories = StateDirectories.resolve(environment: CommandContext.current.environment)
                    guard let record = try StackRecord.load(from: StackRecord.path(in: directories)) else {
                        throw CLIFailure(
                            message: "the local stack is not running ('orderdeck local up' first)", code: .failure)
                    }
                    let api = record.stack.machines.first { !$0.isExpress }.map { record.apiURL(for: $0) }
                    let text = StackConfigWriter.local(
                        region: record.stack.region, endpointURL: record.moto.endpoint,
                        table: record.stack.tableName, machines: record.stack.machines.map(\.name), apiURL: api,
                        apiKey: record.apiKey)
                    try write(text, name: StackConfigWriter.localStackName)
                    return
                }
                let configuration = try aws.resolve()
                let stack = try await CloudFormationClient(client: configuration.makeClient()).describeStack(
                    name: fromStack)
                guard stack.status.hasSuffix("_COMPLETE"), !stack.status.contains("ROLLBACK"),
                    !stack.status.contains("DELETE")
                else {
                    throw CLIFailure(
                        message: "stack \(fromStack) is \(stack.status)\(stack.statusReason.map { ": \($0)" } ?? "")",
                        code: .failure)
                }
                let text = try StackConfigWriter.fromStackOutputs(
                    name: fromStack, outputs: stack.outputs, region: configuration.region, profile: aws.profile,
                    endpointURL: aws.endpointURL)
                try write(text, name: fromStack)
            }
        }

        /// Writes the configuration where asked (standard output with `--file -`).
        func write(_ text: String, name: String) throws {
            let path = file ?? StackResolver.defaultConfigFile(environment: CommandContext.current.environment)
            if path == "-" {
                print(text, terminator: "")
                return
            }
            if FileManager.default.fileExists(atPath: path), !force {
                throw CLIFailure(
                    message: "\(path) exists; pass --force to replace it, or --file - to print", code: .usage)
            }
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            // It may hold the local gateway's API key: readable by its owner only.
            _ = chmod(path, 0o600)
            // The stack's name, and how to use it: `--stack` takes that name with this file.
            print("wrote \(path) (stack '\(name)', its default: 'orderdeck --config \(path) --stack \(name) …')")
        }
    }
}
