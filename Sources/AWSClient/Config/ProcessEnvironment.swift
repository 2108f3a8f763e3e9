import Foundation

/// Everything the client reads from the process's surroundings, injected so every behaviour can be
/// tested: environment variables, the home directory and the current time.
public struct ProcessEnvironment: Sendable {
    public var variables: [String: String]
    public var homeDirectory: String
    public var now: @Sendable () -> Date

    public init(
        variables: [String: String], homeDirectory: String? = nil, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.variables = variables
        // An empty HOME counts as unset, as every variable read through the subscript does.
        self.homeDirectory =
            homeDirectory ?? variables["HOME"].flatMap { $0.allSatisfy(\.isWhitespace) ? nil : $0 }
            ?? NSHomeDirectory()
        self.now = now
    }

    /// The real environment of this process.
    public static var current: ProcessEnvironment {
        ProcessEnvironment(variables: ProcessInfo.processInfo.environment)
    }

    /// A variable's value, treating empty or blank (white space only) as unset, as the SDKs'
    /// standardized providers do: `AWS_ACCESS_KEY_ID="  "` lets the chain go on to the profile.
    public subscript(_ name: String) -> String? {
        guard let value = variables[name], !value.allSatisfy(\.isWhitespace) else { return nil }
        return value
    }

    /// Expands a leading `~` as the AWS CLI does for file paths in config.
    public func expandingTilde(_ path: String) -> String {
        if path == "~" { return homeDirectory }
        if path.hasPrefix("~/") { return homeDirectory + path.dropFirst(1) }
        return path
    }

    public var configFilePath: String {
        expandingTilde(self["AWS_CONFIG_FILE"] ?? "~/.aws/config")
    }

    public var credentialsFilePath: String {
        expandingTilde(self["AWS_SHARED_CREDENTIALS_FILE"] ?? "~/.aws/credentials")
    }
}
