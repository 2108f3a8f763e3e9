import AWSClient
import Foundation
import TOMLKit

/// The OrderDeck configuration file (TOML): named stacks, one of them the default.
///
/// ```toml
/// default_stack = "prod"
/// [stacks.prod]
/// profile = "prod"
/// region = "eu-west-1"
/// table = "ORDER"
/// state_machines = ["OrderWorkflow", "sample"]
/// [stacks.prod.api]
/// url = "https://abc123.execute-api.eu-west-1.amazonaws.com/main/"
/// auth = "api_key"
/// api_key_env = "ORDERS_API_KEY"
/// ```
/// Every problem is reported as `file:line: key: what is wrong`; unknown keys are errors, since a
/// typo silently ignored is worse than a refusal.
public struct ConfigFile: Sendable, Equatable {
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public var path: String
        public var line: Int?
        public var key: String?
        public var reason: String

        public var description: String {
            var text = path
            if let line { text += ":\(line)" }
            text += ": "
            if let key { text += "\(key): " }
            return text + reason
        }
    }

    public var path: String
    public var stacks: [String: StackConfig]
    public var defaultStack: String?

    static let stackKeys: Set<String> = [
        "profile", "region", "endpoint_url", "table", "state_machines", "log_groups", "api", "order_template",
        "readonly", "mouse", "order_window", "queue_url", "appsync_url", "appsync_api_key_env",
    ]
    static let apiKeys: Set<String> = ["url", "auth", "api_key", "api_key_env"]

    public init(path: String, text: String) throws {
        self.path = path
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // toml++ asserts (aborts the process) on some malformed headers such as `[[[x]`, found by
        // fuzzing: check every header line ourselves before the library sees the text.
        for (index, line) in lines.enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix(".") || trimmed.hasPrefix("=") {
                throw Problem(
                    path: path, line: index + 1, key: nil, reason: "a key may not start with '\(trimmed.prefix(1))'")
            }
            guard trimmed.hasPrefix("[") else { continue }
            let header =
                trimmed.split(separator: "#", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces) }
                ?? trimmed
            let segment = "[A-Za-z0-9_-]+"
            let pattern = "^\\[\\[? *\(segment)( *\\. *\(segment))* *\\]\\]?$"
            if header.range(of: pattern, options: .regularExpression) == nil
                || header.hasPrefix("[[") != header.hasSuffix("]]")
            {
                throw Problem(
                    path: path, line: index + 1, key: nil, reason: "malformed table header \(header.prefix(40))")
            }
        }
        do {
            try TOMLPreflight.check(text)
        } catch let failure as TOMLPreflight.Failure {
            throw Problem(path: path, line: failure.line, key: nil, reason: failure.reason)
        }
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw Problem(
                path: path, line: error.source.begin.line, key: nil, reason: "not valid TOML: \(error.description)")
        }
        func problem(_ key: String, _ reason: String, section: String? = nil) -> Problem {
            Problem(path: path, line: Self.line(of: key, in: lines, section: section), key: key, reason: reason)
        }
        for key in root.keys where key != "stacks" && key != "default_stack" {
            throw problem(key, "unknown key (expected default_stack or [stacks.NAME])")
        }
        if let value = root["default_stack"] {
            guard let name = value.string else { throw problem("default_stack", "must be a string") }
            defaultStack = name
        }
        guard let stacksTable = root["stacks"]?.table else {
            throw Problem(path: path, line: nil, key: "stacks", reason: "no [stacks.NAME] section")
        }
        var stacks: [String: StackConfig] = [:]
        for name in stacksTable.keys {
            let section = "stacks.\(name)"
            guard let table = stacksTable[name]?.table else { throw problem(section, "must be a table") }
            for key in table.keys where !Self.stackKeys.contains(key) {
                throw problem(
                    "\(section).\(key)", "unknown key (known: \(Self.stackKeys.sorted().joined(separator: ", ")))",
                    section: section)
            }
            func string(_ key: String) throws -> String? {
                guard let value = table[key] else { return nil }
                guard let text = value.string, !text.isEmpty else {
                    throw problem("\(section).\(key)", "must be a non-empty string", section: section)
                }
                return text
            }
            func strings(_ key: String) throws -> [String] {
                guard let value = table[key] else { return [] }
                guard let array = value.array else {
                    throw problem("\(section).\(key)", "must be an array of strings", section: section)
                }
                return try array.map { element in
                    guard let text = element.string else {
                        throw problem("\(section).\(key)", "must be an array of strings", section: section)
                    }
                    return text
                }
            }
            var stack = StackConfig(name: name)
            stack.profile = try string("profile")
            stack.region = try string("region")
            stack.endpointURL = try string("endpoint_url")
            stack.tableName = try string("table") ?? "ORDER"
            stack.stateMachines = try strings("state_machines")
            stack.logGroups = try strings("log_groups")
            stack.queueURL = try string("queue_url")
            if let url = try string("appsync_url") {
                guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
                    throw problem("\(section).appsync_url", "must be the API's http(s) GraphQL URL", section: section)
                }
                stack.graphQL = .init(url: url, apiKeyEnvironment: try string("appsync_api_key_env"))
            }
            if let queue = stack.queueURL, !(queue.hasPrefix("http://") || queue.hasPrefix("https://")) {
                throw problem("\(section).queue_url", "must be the queue's http(s) URL", section: section)
            }
            if let value = table["readonly"] {
                guard let flag = value.bool else {
                    throw problem("\(section).readonly", "must be true or false", section: section)
                }
                stack.readOnly = flag
            }
            if let value = table["mouse"] {
                guard let flag = value.bool else {
                    throw problem("\(section).mouse", "must be true or false", section: section)
                }
                stack.mouse = flag
            }
            if let value = table["order_window"] {
                guard let count = value.int, count >= 100 else {
                    throw problem(
                        "\(section).order_window", "must be a number of orders, at least 100", section: section)
                }
                stack.orderWindow = count
            }
            if stack.stateMachines.isEmpty {
                throw problem(
                    "\(section).state_machines", "list at least one state machine (name or ARN)", section: section)
            }
            if let value = table["api"] {
                let apiSection = "\(section).api"
                guard let api = value.table else { throw problem(apiSection, "must be a table", section: section) }
                for key in api.keys where !Self.apiKeys.contains(key) {
                    throw problem(
                        "\(apiSection).\(key)", "unknown key (known: \(Self.apiKeys.sorted().joined(separator: ", ")))",
                        section: apiSection)
                }
                guard let url = api["url"]?.string, url.hasPrefix("http://") || url.hasPrefix("https://") else {
                    throw problem("\(apiSection).url", "must be an http(s) URL", section: apiSection)
                }
                var auth = StackConfig.APIAuth.none
                if let value = api["auth"] {
                    guard let text = value.string, let parsed = StackConfig.APIAuth(rawValue: text) else {
                        throw problem("\(apiSection).auth", "must be one of none, api_key, iam", section: apiSection)
                    }
                    auth = parsed
                }
                let config = StackConfig.API(
                    url: url, auth: auth, apiKey: api["api_key"]?.string, apiKeyEnvironment: api["api_key_env"]?.string)
                if auth == .apiKey, config.apiKey == nil, config.apiKeyEnvironment == nil {
                    throw problem(
                        "\(apiSection).auth", "api_key auth needs api_key_env (or api_key)", section: apiSection)
                }
                stack.api = config
            }
            if let value = table["order_template"] {
                guard let template = value.table else {
                    throw problem("\(section).order_template", "must be a table", section: section)
                }
                stack.orderTemplate = try? JSONValue.parse(template.convert(to: .json))
            }
            stacks[name] = stack
        }
        if let defaultStack, stacks[defaultStack] == nil {
            throw problem(
                "default_stack",
                "names '\(defaultStack)', which is not among the stacks (\(stacks.keys.sorted().joined(separator: ", ")))"
            )
        }
        self.stacks = stacks
    }

    /// The stack to use: the one asked for, else `default_stack`, else the only one.
    public func stack(named requested: String?) throws -> StackConfig {
        if let requested {
            guard let stack = stacks[requested] else {
                throw Problem(
                    path: path, line: nil, key: nil,
                    reason: "no stack named '\(requested)' (have: \(stacks.keys.sorted().joined(separator: ", ")))")
            }
            return stack
        }
        if let defaultStack, let stack = stacks[defaultStack] { return stack }
        if stacks.count == 1, let only = stacks.values.first { return only }
        throw Problem(
            path: path, line: nil, key: "default_stack",
            reason: "several stacks and no default_stack: pass --stack NAME")
    }

    /// The line a key is written on (1-based), looking inside its `[section]` when given.
    static func line(of keyPath: String, in lines: [String], section: String?) -> Int? {
        let key = keyPath.split(separator: ".").last.map(String.init) ?? keyPath
        var inSection = section == nil
        for (index, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") {
                let name = line.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).trimmingCharacters(
                    in: .whitespaces)
                if let section { inSection = name == section }
                if name == keyPath { return index + 1 }
                continue
            }
            if inSection, line.hasPrefix(key),
                line.dropFirst(key.count).trimmingCharacters(in: .whitespaces).hasPrefix("=")
            {
                return index + 1
            }
        }
        return nil
    }
}
