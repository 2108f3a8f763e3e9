import AWSClient
import Foundation

/// Which stack a command or the dashboard works on, found in this order: the configuration file
/// named (`--config`), `ORDERDECK_CONFIG`, `$XDG_CONFIG_HOME/orderdeck/config.toml`; else what is
/// deployed at a named AWS target (a profile or endpoint URL); else the local stack if it is up.
/// The environment is given, never read here; so is the local stack's record (LocalStack's).
public struct StackResolver: Sendable {
    /// A stack that cannot be opened for a reason of set-up: a configuration file, a profile,
    /// credentials (exit 78 in the CLI).
    public struct Problem: Error, CustomStringConvertible {
        public var description: String
        public init(_ description: String) { self.description = description }
    }

    /// A resolved stack, and what was noticed on the way (discovery's notes).
    public struct Resolved: Sendable {
        public var config: StackConfig
        public var notes: [String]
    }

    /// The configuration file named (`--config`), if any.
    public var configPath: String?
    /// The stack named (`--stack`), if any.
    public var stackName: String?
    /// The AWS flags (`--profile`, `--region`, `--endpoint-url`, …).
    public var clientOptions: ClientOptions
    public var environment: [String: String]
    /// The running local stack as a configuration, or nil when none runs.
    public var localStack: @Sendable () throws -> StackConfig?

    public init(
        configPath: String?, stackName: String?, clientOptions: ClientOptions, environment: [String: String],
        localStack: @escaping @Sendable () throws -> StackConfig?
    ) {
        self.configPath = configPath
        self.stackName = stackName
        self.clientOptions = clientOptions
        self.environment = environment
        self.localStack = localStack
    }

    var processEnvironment: ProcessEnvironment { ProcessEnvironment(variables: environment) }

    var configHome: String { Self.configHome(environment: environment) }

    /// `$XDG_CONFIG_HOME`, else `~/.config`; set but empty counts as unset (the XDG rule — an
    /// empty value once put a configuration at `/orderdeck/config.toml`).
    static func configHome(environment: [String: String]) -> String {
        let environment = ProcessEnvironment(variables: environment)
        return environment["XDG_CONFIG_HOME"] ?? environment.homeDirectory + "/.config"
    }

    /// Where the configuration file is read when none is named, and `config init` writes one.
    public static func defaultConfigFile(environment: [String: String]) -> String {
        configHome(environment: environment) + "/orderdeck/config.toml"
    }

    /// Only AWS settings named (a profile, region or endpoint) and no stack or configuration file:
    /// `whoami` then shows those settings alone, as the AWS CLI resolves them.
    public var namesAWSSettingsOnly: Bool {
        stackName == nil && configPath == nil
            && (clientOptions.profile != nil || clientOptions.region != nil || clientOptions.endpointURL != nil)
    }

    /// A session on the stack: its configuration and a client for it.
    public func session() async throws -> (session: StackSession, notes: [String]) {
        try checkNamedProfile()
        let resolved: Resolved
        do {
            resolved = try await resolve()
        } catch let problem as ConfigFile.Problem {
            throw Problem(problem.description)
        }
        do {
            let client = try resolved.config.makeClient(overrides: clientOptions, environment: processEnvironment)
            return (StackSession(config: resolved.config, client: client), resolved.notes)
        } catch {
            throw Problem(String(describing: error))
        }
    }

    /// A profile named with `--profile` must exist, whatever the stack (the local stack's test
    /// credentials used to make a mistyped profile pass silently).
    public func checkNamedProfile() throws {
        guard let name = clientOptions.profile else { return }
        let shared: SharedConfig
        do {
            shared = try SharedConfig.load(from: processEnvironment)
        } catch {
            throw Problem(String(describing: error))
        }
        guard shared.profile(name) == nil else { return }
        throw Problem("profile '\(name)' is not in \(shared.configPath) or \(shared.credentialsPath)")
    }

    /// The configuration file in use, if any (an explicitly named one must be readable).
    public func configFile() throws -> ConfigFile? {
        let candidates: [(String, Bool)] = [
            (configPath ?? "", true), (environment["ORDERDECK_CONFIG"] ?? "", true),
            (Self.defaultConfigFile(environment: environment), false),
        ]
        for (path, explicit) in candidates where !path.isEmpty {
            switch RegularFile.read(path) {
            case .contents(let data):
                return try ConfigFile(path: path, text: String(decoding: data, as: UTF8.self))
            case .missing where !explicit:
                continue
            case .missing:
                throw Problem("cannot read the configuration file \(path): it does not exist")
            case .unreadable(let reason):
                // The default path too: something is there, and ignoring it would use another stack.
                throw Problem("cannot read the configuration file \(path): \(reason)")
            }
        }
        return nil
    }

    /// Every stack that could be opened: the configuration file's, and `local` when it is up.
    public func stackNames() -> [String] {
        var names = ((try? configFile())??.stacks.keys).map { Array($0).sorted() } ?? []
        if !names.contains("local"), (try? localStack()) != nil { names.append("local") }
        return names
    }

    /// The stack's configuration.
    public func resolve() async throws -> Resolved {
        if let file = try configFile() { return Resolved(config: try file.stack(named: stackName), notes: []) }
        // No OrderDeck configuration but an AWS target named: what is deployed there.
        if stackName == nil || stackName == "discovered",
            clientOptions.profile != nil || clientOptions.endpointURL != nil
        {
            let configuration: ClientConfiguration
            do {
                configuration = try ClientConfiguration.resolve(options: clientOptions, environment: processEnvironment)
            } catch {
                throw Problem(String(describing: error))
            }
            let found = try await PipelineDiscovery(client: configuration.makeClient()).discover()
            let config = PipelineDiscovery.stackConfig(
                found, name: "discovered", profile: clientOptions.profile, region: configuration.region,
                endpointURL: clientOptions.endpointURL)
            return Resolved(config: config, notes: found.notes.map { "discovered: \($0)" })
        }
        if let stackName, stackName != "local" {
            throw Problem(
                "no configuration file defines stack '\(stackName)' (looked for \(configHome)/orderdeck/config.toml)")
        }
        guard let local = try localStack() else {
            throw Problem(
                "no configuration (--config, ORDERDECK_CONFIG or \(configHome)/orderdeck/config.toml) and the local stack is not running ('orderdeck local up')"
            )
        }
        return Resolved(config: local, notes: [])
    }
}
