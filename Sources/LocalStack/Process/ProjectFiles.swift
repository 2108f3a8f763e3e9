import Foundation

/// Finds the project's `config/` directory (moto pin, ASL definitions, stack template).
///
/// `ORDERDECK_CONFIG_DIR` wins; otherwise the `config/` of the source tree this binary was built
/// from, which is where `swift run` and the tests find it.
public enum ProjectFiles {
    public static func configDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let override = environment["ORDERDECK_CONFIG_DIR"], !override.isEmpty { return override }
        // Sources/LocalStack/Process/<this file> → repository root.
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("config").path
    }

    public static func read(_ relativePath: String, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws -> String
    {
        let path = configDirectory(environment: environment) + "/" + relativePath
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LocalStackError.missingFile(path)
        }
        return String(decoding: data, as: UTF8.self)
    }
}

/// What can go wrong bringing the local stack up, each with what to do about it.
public enum LocalStackError: Error, Sendable, CustomStringConvertible, Equatable {
    case missingFile(String)
    case pythonMissing
    case installFailed(String)
    case serverDidNotStart(String)
    case notRunning
    case provisioning(String)
    /// `up` on one engine while the local stack runs on the other.
    case otherEngine(running: LocalEngine, asked: LocalEngine)

    public var description: String {
        switch self {
        case .missingFile(let path):
            return "missing project file \(path) (set ORDERDECK_CONFIG_DIR to the repository's config/)"
        case .pythonMissing:
            return "python3 with the venv module is needed for the local stack (apt-get install python3-venv)"
        case .installFailed(let detail): return "installing failed: \(detail)"
        case .serverDidNotStart(let detail): return "the local engine did not start: \(detail)"
        case .notRunning: return "the local stack is not running; start it with 'orderdeck local up'"
        case .provisioning(let detail): return "provisioning the local stack failed: \(detail)"
        case .otherEngine(let running, let asked):
            return
                "the local stack already runs on \(running.displayName) (\(running.system)); 'orderdeck local down' first, then 'orderdeck local up\(asked == .ministack ? " --seeds" : "")'"
        }
    }
}
