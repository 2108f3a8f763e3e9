import ArgumentParser
import Foundation
import LocalStack
import OrderDeckCore

/// Which stack a command works on, found in this order: `--config`, `ORDERDECK_CONFIG`,
/// `~/.config/orderdeck/config.toml`, then the local stack if it is up.
struct StackOptions: ParsableArguments {
    @Option(help: "Configuration file (TOML) describing the stacks.")
    var config: String?

    @Option(help: "Which stack of the configuration file to use.")
    var stack: String?

    @OptionGroup var aws: AWSOptions

    /// The stack these options name, resolved in the core with the environment the root read.
    var resolver: StackResolver {
        let environment = CommandContext.current.environment
        return StackResolver(
            configPath: config, stackName: stack, clientOptions: aws.clientOptions, environment: environment,
            localStack: {
                let directories = StateDirectories.resolve(environment: environment)
                return try StackRecord.load(from: StackRecord.path(in: directories)).map(LocalStackConfig.make)
            })
    }

    /// A session on the stack; discovery's notes on stderr first.
    func session() async throws -> StackSession {
        let (session, notes) = try await resolver.session()
        for note in notes { StandardError.line("orderdeck: \(note)") }
        return session
    }

    /// Every stack this command could open: the configuration file's, and `local` when it is up.
    func stackNames() -> [String] { resolver.stackNames() }
}

/// The local stack described as a stack configuration.
enum LocalStackConfig {
    static func make(_ record: StackRecord) -> StackConfig {
        // The seeds' order system has no API of its own (its front door is the queue; the local
        // gateway serves only the webhook there).
        let orders = record.engineKind == .moto ? record.stack.machines.first { !$0.isExpress } : nil
        var config = StackConfig(
            name: "local", region: record.stack.region, endpointURL: record.moto.endpoint,
            tableName: record.stack.tableName,
            stateMachines: record.stack.machines.map(\.arn),
            // On MiniStack the groups are worked out as for AWS, so the Lambda functions' own
            // groups are tailed beside the machines' (moto runs no function).
            logGroups: record.engineKind == .moto ? record.stack.machines.map(\.logGroupName) : [],
            api: orders.map {
                StackConfig.API(
                    url: record.apiURL(for: $0), auth: record.apiKey == nil ? .none : .apiKey, apiKey: record.apiKey)
            },
            orderTemplate: StackConfig.defaultOrderTemplate, isLocal: true, staticCredentials: StackRecord.credentials)
        config.queueURL = record.queueUrl
        config.graphQL = record.graphQLURL.map { StackConfig.GraphQL(url: $0, apiKey: record.graphQLApiKey) }
        // MiniStack's Live Tail misses its functions' own lines (found by a new operator).
        config.liveTail = record.engineKind == .moto
        return config
    }
}

/// `--output table|json`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table
    case json
}
