import Foundation

/// The pinned moto server in a private venv under the cache directory, installed on first use.
///
/// The pin lives in `config/moto-requirements.txt`; a marker file records what was installed, so
/// changing the pin installs the new version into a new venv. A file lock keeps concurrent
/// installs (parallel test processes, CI) from colliding.
public struct MotoInstallation: Sendable, Equatable {
    public var requirement: String
    public var version: String
    public var venvDirectory: String

    public var serverExecutable: String { venvDirectory + "/bin/moto_server" }
    var marker: String { venvDirectory + "/.orderdeck-installed" }

    public init(directories: StateDirectories, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws
    {
        let text = try ProjectFiles.read("moto-requirements.txt", environment: environment)
        guard
            let line = text.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) })
                .first(where: { !$0.isEmpty && !$0.hasPrefix("#") }),
            let range = line.range(of: "==")
        else {
            throw LocalStackError.installFailed("config/moto-requirements.txt has no pinned 'moto[server]==X' line")
        }
        requirement = line
        version = String(line[range.upperBound...])
        venvDirectory = directories.cache + "/moto-" + version
    }

    public var isInstalled: Bool {
        guard let recorded = FileManager.default.contents(atPath: marker) else { return false }
        return String(decoding: recorded, as: UTF8.self) == requirement
            && FileManager.default.isExecutableFile(atPath: serverExecutable)
    }

    /// Creates the venv and installs the pinned moto unless that is already done.
    public func ensureInstalled(python: String? = nil, progress: @Sendable (String) -> Void = { _ in }) async throws {
        if isInstalled { return }
        let parent = (venvDirectory as NSString).deletingLastPathComponent
        try StateDirectories.ensure(parent)
        let lock = try FileLock(path: parent + "/moto-install.lock")
        defer { lock.unlock() }
        if isInstalled { return }
        let pythonPath = try python ?? Self.findPython()
        progress("creating the moto venv in \(venvDirectory)")
        let (venvStatus, venvOutput) = try await Spawner.run(pythonPath, ["-m", "venv", venvDirectory])
        guard venvStatus == 0 else {
            throw LocalStackError.installFailed("python3 -m venv failed: \(Self.lastLines(venvOutput))")
        }
        progress("installing \(requirement) (first run only)")
        let (pipStatus, pipOutput) = try await Spawner.run(
            venvDirectory + "/bin/pip", ["install", "--disable-pip-version-check", "--quiet", requirement])
        guard pipStatus == 0 else {
            throw LocalStackError.installFailed("pip install \(requirement) failed: \(Self.lastLines(pipOutput))")
        }
        try Data(requirement.utf8).write(to: URL(fileURLWithPath: marker), options: .atomic)
    }

    static func findPython() throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/python3"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw LocalStackError.pythonMissing
    }

    static func lastLines(_ text: String, count: Int = 3) -> String {
        text.split(separator: "\n").suffix(count).joined(separator: " | ")
    }
}
