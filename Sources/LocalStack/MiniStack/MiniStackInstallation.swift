import Foundation

/// MiniStack — a local AWS emulator that runs Python Lambda functions as local processes, so the
/// seeds' systems run as written, Lambdas included — in its own venv under the cache directory,
/// as moto and LocalStack are. The pins (MiniStack and the boto3/botocore its functions import)
/// live in `config/seeds/ministack-requirements.txt`; a marker records what was installed, so a
/// changed pin installs into a new venv. It needs Python ≥ 3.10; without one, callers say why.
public struct MiniStackInstallation: Sendable, Equatable {
    public static let requirementsFile = "seeds/ministack-requirements.txt"

    /// The pinned lines, in file order (`ministack==X` first among them).
    public var requirements: [String]
    public var version: String
    public var venvDirectory: String
    /// A Python ≥ 3.10 to build the venv with; nil when the machine has none.
    public var python: String?

    public var serverExecutable: String { venvDirectory + "/bin/ministack" }
    var marker: String { venvDirectory + "/.orderdeck-installed" }
    var recorded: String { requirements.joined(separator: "\n") }

    public init(directories: StateDirectories, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws
    {
        let text = try ProjectFiles.read(Self.requirementsFile, environment: environment)
        requirements = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        guard let pin = requirements.first(where: { $0.hasPrefix("ministack==") }) else {
            throw LocalStackError.installFailed("config/\(Self.requirementsFile) has no pinned 'ministack==X' line")
        }
        version = String(pin.dropFirst("ministack==".count))
        venvDirectory = directories.cache + "/ministack-" + version
        python = Self.findPython(environment: environment)
    }

    public var isInstalled: Bool {
        guard let recorded = FileManager.default.contents(atPath: marker) else { return false }
        return String(decoding: recorded, as: UTF8.self) == self.recorded
            && FileManager.default.isExecutableFile(atPath: serverExecutable)
    }

    /// Why it cannot run here, in one line; nil when it can.
    public var unavailableReason: String? {
        python == nil
            ? "MiniStack \(version) needs Python ≥ 3.10 with the venv module and none was found (python3 on PATH, ORDERDECK_MINISTACK_PYTHON)"
            : nil
    }

    /// Creates the venv and installs the pins unless already done (~10 s here, ~60 MB).
    public func ensureInstalled(progress: @Sendable (String) -> Void = { _ in }) async throws {
        if isInstalled { return }
        guard let python else { throw LocalStackError.installFailed(unavailableReason ?? "no Python ≥ 3.10") }
        let parent = (venvDirectory as NSString).deletingLastPathComponent
        try StateDirectories.ensure(parent)
        let lock = try FileLock(path: parent + "/ministack-install.lock")
        defer { lock.unlock() }
        if isInstalled { return }
        progress("creating the MiniStack venv in \(venvDirectory) (\(python))")
        try? FileManager.default.removeItem(atPath: venvDirectory)
        let (venvStatus, venvOutput) = try await Spawner.run(python, ["-m", "venv", venvDirectory])
        guard venvStatus == 0 else {
            throw LocalStackError.installFailed("python -m venv failed: \(MotoInstallation.lastLines(venvOutput))")
        }
        progress("installing \(requirements.joined(separator: " ")) (first run only, about 10 s)")
        let (pipStatus, pipOutput) = try await Spawner.run(
            venvDirectory + "/bin/pip", ["install", "--disable-pip-version-check", "--quiet"] + requirements)
        guard pipStatus == 0 else {
            throw LocalStackError.installFailed(
                "pip install \(requirements.joined(separator: " ")) failed: \(MotoInstallation.lastLines(pipOutput))")
        }
        try Data(recorded.utf8).write(to: URL(fileURLWithPath: marker), options: .atomic)
    }

    /// ORDERDECK_MINISTACK_PYTHON, else python3 on PATH — when it is ≥ 3.10 (MiniStack's floor).
    static func findPython(environment: [String: String]) -> String? {
        var candidates: [String] = []
        if let chosen = environment["ORDERDECK_MINISTACK_PYTHON"], !chosen.isEmpty { candidates.append(chosen) }
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        candidates += path.split(separator: ":").map { "\($0)/python3" }
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate) {
            let check = "import sys, venv; sys.exit(0 if sys.version_info >= (3, 10) else 1)"
            if let (status, _) = try? runSync(candidate, ["-c", check]), status == 0 { return candidate }
        }
        return nil
    }
}
