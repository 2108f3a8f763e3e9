import Foundation

/// What the local stack consists of, read from `config/local-stack.json`.
public struct StackDefinition: Codable, Sendable, Equatable {
    public struct StateMachine: Codable, Sendable, Equatable {
        public var name: String
        /// STANDARD or EXPRESS.
        public var type: String
        /// ASL file, relative to `config/`.
        public var definition: String
        /// The local gateway serves `POST /main/<apiResource>` for this machine.
        public var apiResource: String
        public var logLevel: String
        public var includeExecutionData: Bool

        public var logGroupName: String { "/aws/vendedlogs/states/\(name)" }
    }

    public var region: String
    public var tableName: String
    public var topicName: String
    public var stateMachines: [StateMachine]

    public static func load(environment: [String: String] = ProcessInfo.processInfo.environment) throws
        -> StackDefinition
    {
        let text = try ProjectFiles.read("local-stack.json", environment: environment)
        do {
            return try JSONDecoder().decode(StackDefinition.self, from: Data(text.utf8))
        } catch {
            throw LocalStackError.provisioning("config/local-stack.json: \(error)")
        }
    }

    /// An ASL file with `${Name}` placeholders replaced, failing on any left unresolved.
    public static func substitute(_ template: String, _ values: [String: String], file: String) throws -> String {
        var text = template
        for (key, value) in values { text = text.replacingOccurrences(of: "${\(key)}", with: value) }
        // Placeholders live only in JSON strings; "${" in a Comment's prose is already replaced above.
        if let range = text.range(of: #"\$\{[A-Za-z0-9]+\}"#, options: .regularExpression) {
            throw LocalStackError.provisioning("\(file): no value for \(text[range])")
        }
        return text
    }
}
