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
            try await reportingFailures { print(try AWSStackTemplate.render(), terminator: "") }
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
                    let directories = StateDirectories.resolve(environment: ProcessInfo.processInfo.environment)
                    guard let record = try StackRecord.load(from: StackRecord.path(in: directories)) else {
                        throw CLIFailure(
                            message: "the local stack is not running ('orderdeck local up' first)", code: .failure)
                    }
                    try write(StackConfigWriter.local(record), name: StackConfigWriter.localStackName)
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
                let text = try StackConfigWriter.toml(
                    name: fromStack, outputs: stack.outputs, region: configuration.region, profile: aws.profile,
                    endpointURL: aws.endpointURL)
                try write(text, name: fromStack)
            }
        }

        /// Writes the configuration where asked (standard output with `--file -`).
        func write(_ text: String, name: String) throws {
            let home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
            let path =
                file ?? (ProcessInfo.processInfo.environment["XDG_CONFIG_HOME"] ?? home + "/.config")
                + "/orderdeck/config.toml"
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

/// Turns the template's outputs (or the running local stack) into a `[stacks.NAME]` section.
enum StackConfigWriter {
    /// What discovery found, as a `[stacks.discovered]` section.
    static func discovered(_ found: PipelineDiscovery.Found, profile: String?, region: String, endpointURL: String?)
        -> String
    {
        func quoted(_ text: String) -> String {
            "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        var lines = [
            "# Written by 'orderdeck config init --discover': what is deployed in \(region).",
            "default_stack = \"discovered\"", "", "[stacks.discovered]",
        ]
        if let profile { lines.append("profile = \(quoted(profile))") }
        lines.append("region = \(quoted(region))")
        if let endpointURL { lines.append("endpoint_url = \(quoted(endpointURL))") }
        lines.append("table = \(quoted(found.table))")
        lines.append("state_machines = [\(found.machines.map { quoted($0.arn) }.joined(separator: ", "))]")
        let groups = found.machines.compactMap(\.logGroup)
        if !groups.isEmpty { lines.append("log_groups = [\(groups.map(quoted).joined(separator: ", "))]") }
        if let url = found.apiURL { lines += ["", "[stacks.discovered.api]", "url = \(quoted(url))"] }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The stack `config init --local` writes: not `local`, which names the running stack itself
    /// (found from its record, whatever its port) wherever no configuration file says otherwise.
    static let localStackName = "local-aws-cli"

    /// The running local stack as a configuration: a loopback endpoint and no profile, so its
    /// test credentials are used (never the credential chain).
    static func local(_ record: StackRecord) -> String {
        let machines = record.stack.machines
        let api = machines.first { !$0.isExpress }.map { record.apiURL(for: $0) }
        var lines = [
            "# Written by 'orderdeck config init --local' for the local stack now running ('orderdeck local up').",
            "# Its port changes when it is started again: write this file again then.",
            "default_stack = \"\(localStackName)\"", "", "[stacks.\(localStackName)]",
            "region = \"\(record.stack.region)\"", "endpoint_url = \"\(record.moto.endpoint)\"",
            "table = \"\(record.stack.tableName)\"",
            "state_machines = [\(machines.map { "\"\($0.name)\"" }.joined(separator: ", "))]",
        ]
        if let api { lines += ["", "[stacks.\(localStackName).api]", "url = \"\(api)\""] }
        if api != nil, let key = record.apiKey {
            // The gateway was started with --api-key: without the key the written file could not submit.
            lines += ["auth = \"api_key\"", "api_key = \(TOMLString.quoted(key))"]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func toml(name: String, outputs: [String: String], region: String, profile: String?, endpointURL: String?)
        throws -> String
    {
        func output(_ key: String) throws -> String {
            guard let value = outputs[key], !value.isEmpty else {
                throw CLIFailure(
                    message: "stack \(name) has no output \(key): was it deployed from config/aws/order-system.yaml?",
                    code: .failure)
            }
            return value
        }
        func quoted(_ text: String) -> String {
            "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        let key = name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" } ? name : quoted(name)
        var lines = [
            "# Written by 'orderdeck config init --from-stack \(name)'.", "default_stack = \(quoted(name))", "",
            "[stacks.\(key)]",
        ]
        if let profile { lines.append("profile = \(quoted(profile))") }
        lines.append("region = \(quoted(region))")
        if let endpointURL { lines.append("endpoint_url = \(quoted(endpointURL))") }
        lines.append("table = \(quoted(try output("TableName")))")
        lines.append("state_machines = [\(quoted(try output("OrderWorkflowArn"))), \(quoted(try output("SampleArn")))]")
        lines.append(
            "log_groups = [\(quoted(try output("OrderWorkflowLogGroup"))), \(quoted(try output("SampleLogGroup")))]")
        let apiURL = try output("ApiUrl")
        let invokeURL = endpointURL.flatMap { EmulatorInvokeURL.rewrite(apiURL, endpoint: $0) }
        lines += ["", "[stacks.\(key).api]"]
        if let invokeURL {
            // An emulator (LocalStack) answers the stage on its own endpoint; the host in the
            // output would need DNS beyond this machine.
            lines.append("# ApiUrl output: \(apiURL)")
        }
        lines.append("url = \(quoted(invokeURL ?? apiURL))")
        if outputs["ApiAuthorization"] == "AWS_IAM" {
            lines.append("auth = \"iam\"")
        } else if outputs["RequireApiKey"] == "true" {
            lines.append("auth = \"api_key\"")
            lines.append("api_key_env = \"ORDERDECK_API_KEY\"   # aws apigateway get-api-keys --include-values")
        } else {
            lines.append("auth = \"none\"")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// `https://ID.execute-api.HOST/STAGE/PATH` → `ENDPOINT/_aws/execute-api/ID/STAGE/PATH`: how an
/// emulator on `--endpoint-url` (LocalStack) serves a REST API stage, so nothing is sent to the
/// host name in the stack's output (`….localhost.localstack.cloud` or AWS's).
enum EmulatorInvokeURL {
    static func rewrite(_ apiURL: String, endpoint: String) -> String? {
        guard let url = URLComponents(string: apiURL), let host = url.host,
            let marker = host.range(of: ".execute-api.")
        else { return nil }
        let id = host[..<marker.lowerBound]
        let base = endpoint.hasSuffix("/") ? String(endpoint.dropLast()) : endpoint
        return "\(base)/_aws/execute-api/\(id)\(url.path)"
    }
}
