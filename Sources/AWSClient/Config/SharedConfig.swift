import Foundation

/// The merged view of `~/.aws/config` and `~/.aws/credentials` that profiles are resolved from.
///
/// In the config file profiles are `[profile name]` (and `[default]`, unless `[profile default]` is
/// there too: the prefixed one wins); in the credentials file they are `[name]`. Values from the
/// credentials file win, as in the AWS CLI.
public struct SharedConfig: Sendable, Equatable {
    public var config: INIFile
    public var credentials: INIFile
    public var configPath: String
    public var credentialsPath: String

    public init(
        config: INIFile = INIFile(), credentials: INIFile = INIFile(), configPath: String = "",
        credentialsPath: String = ""
    ) {
        self.config = config
        self.credentials = credentials
        self.configPath = configPath
        self.credentialsPath = credentialsPath
    }

    /// Reads both files; a missing file is empty, an unreadable or malformed one is an error.
    public static func load(from environment: ProcessEnvironment) throws -> SharedConfig {
        SharedConfig(
            config: try readIfPresent(environment.configFilePath, kind: .config),
            credentials: try readIfPresent(environment.credentialsFilePath, kind: .credentials),
            configPath: environment.configFilePath,
            credentialsPath: environment.credentialsFilePath)
    }

    private static func readIfPresent(_ path: String, kind: INIFile.Kind) throws -> INIFile {
        guard FileManager.default.fileExists(atPath: path) else { return INIFile() }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AWSClientError.configuration("cannot read \(path)")
        }
        return try INIFile(parsing: String(decoding: data, as: UTF8.self), path: path, kind: kind)
    }

    /// A profile's settings, or nil when neither file defines it.
    public func profile(_ name: String) -> Profile? {
        let configSection =
            config.sections["profile \(name)"] ?? (name == "default" ? config.sections["default"] : nil)
        let credentialsSection = credentials.sections[name]
        if configSection == nil && credentialsSection == nil { return nil }
        var values = configSection?.values ?? [:]
        for (key, value) in credentialsSection?.values ?? [:] { values[key] = value }
        return Profile(
            name: name, values: values, subsections: configSection?.subsections ?? [:],
            source: credentialsSection != nil ? credentialsPath : configPath)
    }

    /// An `[sso-session name]` section of the config file.
    public func ssoSession(_ name: String) -> [String: String]? {
        config.sections["sso-session \(name)"]?.values
    }

    /// A `[services name]` section: per-service settings such as `endpoint_url`.
    public func services(_ name: String) -> [String: [String: String]]? {
        config.sections["services \(name)"]?.subsections
    }
}

/// One named profile's settings, keys lower-cased.
public struct Profile: Sendable, Equatable {
    public var name: String
    public var values: [String: String]
    public var subsections: [String: [String: String]]
    /// The file it came from, for error messages.
    public var source: String

    public init(name: String, values: [String: String], subsections: [String: [String: String]] = [:], source: String) {
        self.name = name
        self.values = values
        self.subsections = subsections
        self.source = source
    }

    public subscript(_ key: String) -> String? {
        guard let value = values[key], !value.isEmpty else { return nil }
        return value
    }
}
