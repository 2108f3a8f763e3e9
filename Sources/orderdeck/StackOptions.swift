import AWSClient
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

    func session() async throws -> StackSession {
        let environment = ProcessInfo.processInfo.environment
        try checkNamedProfile()
        let stackConfig: StackConfig
        do {
            stackConfig = try await resolveConfig(environment: environment)
        } catch let problem as ConfigFile.Problem {
            throw CLIFailure(message: problem.description, code: .configuration)
        }
        do {
            return StackSession(config: stackConfig, client: try stackConfig.makeClient(overrides: aws.clientOptions))
        } catch {
            throw CLIFailure(message: String(describing: error), code: .configuration)
        }
    }

    /// A profile named with `--profile` must exist, whatever the stack (the local stack's test
    /// credentials used to make a mistyped profile pass silently).
    func checkNamedProfile() throws {
        guard let name = aws.profile else { return }
        let shared: SharedConfig
        do {
            shared = try SharedConfig.load(from: .current)
        } catch {
            throw CLIFailure(message: String(describing: error), code: .configuration)
        }
        guard shared.profile(name) == nil else { return }
        throw CLIFailure(
            message: "profile '\(name)' is not in \(shared.configPath) or \(shared.credentialsPath)",
            code: .configuration)
    }

    /// The configuration file in use, if any (an explicitly named one must be readable).
    func configFile(environment: [String: String]) throws -> ConfigFile? {
        let home = environment["HOME"] ?? NSHomeDirectory()
        let xdg = environment["XDG_CONFIG_HOME"] ?? home + "/.config"
        let candidates: [(String, Bool)] = [
            (config ?? "", true), (environment["ORDERDECK_CONFIG"] ?? "", true),
            (xdg + "/orderdeck/config.toml", false),
        ]
        for (path, explicit) in candidates where !path.isEmpty {
            switch RegularFile.read(path) {
            case .contents(let data):
                return try ConfigFile(path: path, text: String(decoding: data, as: UTF8.self))
            case .missing where !explicit:
                continue
            case .missing:
                throw CLIFailure(
                    message: "cannot read the configuration file \(path): it does not exist", code: .configuration)
            case .unreadable(let reason):
                // The default path too: something is there, and ignoring it would use another stack.
                throw CLIFailure(message: "cannot read the configuration file \(path): \(reason)", code: .configuration)
            }
        }
        return nil
    }

    /// Every stack this command could open: the configuration file's, and `local` when it is up.
    func stackNames(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        var names = ((try? configFile(environment: environment))??.stacks.keys).map { Array($0).sorted() } ?? []
        let directories = StateDirectories.resolve(environment: environment)
        if !names.contains("local"), (try? StackRecord.load(from: StackRecord.path(in: directories))) != nil {
            names.append("local")
        }
        return names
    }

    func resolveConfig(environment: [String: String]) async throws -> StackConfig {
        let home = environment["HOME"] ?? NSHomeDirectory()
        let xdg = environment["XDG_CONFIG_HOME"] ?? home + "/.config"
        if let file = try configFile(environment: environment) { return try file.stack(named: stack) }
        // No OrderDeck configuration but an AWS target named: what is deployed there.
        if stack == nil || stack == "discovered", aws.profile != nil || aws.endpointURL != nil {
            let configuration = try aws.resolve()
            let found = try await PipelineDiscovery(client: configuration.makeClient()).discover()
            for note in found.notes { StandardError.line("orderdeck: discovered: \(note)") }
            return PipelineDiscovery.stackConfig(
                found, name: "discovered", profile: aws.profile, region: configuration.region,
                endpointURL: aws.endpointURL)
        }
        if let stack, stack != "local" {
            throw CLIFailure(
                message: "no configuration file defines stack '\(stack)' (looked for \(xdg)/orderdeck/config.toml)",
                code: .configuration)
        }
        let directories = StateDirectories.resolve(environment: environment)
        guard let record = try StackRecord.load(from: StackRecord.path(in: directories)) else {
            throw CLIFailure(
                message:
                    "no configuration (--config, ORDERDECK_CONFIG or \(xdg)/orderdeck/config.toml) and the local stack is not running ('orderdeck local up')",
                code: .configuration)
        }
        return LocalStackConfig.make(record)
    }
}

/// The local stack described as a stack configuration.
enum LocalStackConfig {
    static func make(_ record: StackRecord) -> StackConfig {
        let orders = record.stack.machines.first { !$0.isExpress }
        return StackConfig(
            name: "local", region: record.stack.region, endpointURL: record.moto.endpoint,
            tableName: record.stack.tableName,
            stateMachines: record.stack.machines.map(\.arn), logGroups: record.stack.machines.map(\.logGroupName),
            api: orders.map {
                StackConfig.API(
                    url: record.apiURL(for: $0), auth: record.apiKey == nil ? .none : .apiKey, apiKey: record.apiKey)
            },
            orderTemplate: StackConfig.defaultOrderTemplate, isLocal: true, staticCredentials: StackRecord.credentials)
    }
}

/// `--output table|json`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table
    case json
}
