import Foundation

/// LocalStack 2026.3.0 — a second, independent AWS emulator — in its own venv under the cache
/// directory, as moto is: `localstack-core[runtime]` with LocalStack's own runtime pins
/// (`config/localstack/constraints.txt`) and OrderDeck's DynamoDB provider (LocalStack's own
/// downloads DynamoDB Local at first use and fails offline; ours hands DynamoDB to the moto
/// LocalStack bundles). It needs Python ≥ 3.12; without one, `python` is nil and callers say so.
public struct EmulatorInstallation: Sendable, Equatable {
    public static let requirement = "localstack-core[runtime]==2026.3.0"
    public static let version = "2026.3.0"
    static let providerModule = "orderdeck_localstack_dynamodb"

    public var venvDirectory: String
    /// A Python ≥ 3.12 to build the venv with; nil when the machine has none.
    public var python: String?

    public var interpreter: String { venvDirectory + "/bin/python" }
    var marker: String { venvDirectory + "/.orderdeck-installed" }

    public init(directories: StateDirectories, environment: [String: String] = ProcessInfo.processInfo.environment) {
        venvDirectory = directories.cache + "/localstack-" + Self.version
        python = Self.findPython(environment: environment)
    }

    public var isInstalled: Bool {
        guard let recorded = FileManager.default.contents(atPath: marker) else { return false }
        return String(decoding: recorded, as: UTF8.self) == Self.requirement
            && FileManager.default.isExecutableFile(atPath: interpreter)
    }

    /// Why it cannot run here, in one line; nil when it can.
    public var unavailableReason: String? {
        python == nil
            ? "LocalStack \(Self.version) needs Python ≥ 3.12 and none was found (python3.13, python3.12, pyenv versions, ORDERDECK_LOCALSTACK_PYTHON)"
            : nil
    }

    /// Creates the venv and installs LocalStack and the provider unless already done (~100 s, ~0.5 GB).
    public func ensureInstalled(progress: @Sendable (String) -> Void = { _ in }) async throws {
        if isInstalled { return }
        guard let python else { throw LocalStackError.installFailed(unavailableReason ?? "no Python ≥ 3.12") }
        let parent = (venvDirectory as NSString).deletingLastPathComponent
        try StateDirectories.ensure(parent)
        let lock = try FileLock(path: parent + "/localstack-install.lock")
        defer { lock.unlock() }
        if isInstalled { return }
        let constraints = ProjectFiles.configDirectory() + "/localstack/constraints.txt"
        guard FileManager.default.fileExists(atPath: constraints) else {
            throw LocalStackError.missingFile(constraints)
        }
        progress("creating the LocalStack venv in \(venvDirectory) (\(python))")
        try? FileManager.default.removeItem(atPath: venvDirectory)
        let (venvStatus, venvOutput) = try await Spawner.run(python, ["-m", "venv", venvDirectory])
        guard venvStatus == 0 else {
            throw LocalStackError.installFailed("python -m venv failed: \(MotoInstallation.lastLines(venvOutput))")
        }
        progress("installing \(Self.requirement) with LocalStack's pins (first run only, about 100 s)")
        let (pipStatus, pipOutput) = try await Spawner.run(
            venvDirectory + "/bin/pip",
            ["install", "--disable-pip-version-check", "--quiet", "-c", constraints, Self.requirement])
        guard pipStatus == 0 else {
            throw LocalStackError.installFailed(
                "pip install \(Self.requirement) failed: \(MotoInstallation.lastLines(pipOutput))")
        }
        try installProvider()
        try Data(Self.requirement.utf8).write(to: URL(fileURLWithPath: marker), options: .atomic)
    }

    /// The DynamoDB provider as an installed distribution: its module and an entry point in the
    /// group LocalStack loads providers from (what pip would write; no build step, no network).
    func installProvider() throws {
        let (status, output) = try runSync(
            interpreter, ["-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"])
        guard status == 0, let sitePackages = output.split(separator: "\n").last.map(String.init) else {
            throw LocalStackError.installFailed("cannot find the venv's site-packages: \(output)")
        }
        let source = ProjectFiles.configDirectory() + "/localstack/\(Self.providerModule).py"
        let module = sitePackages + "/\(Self.providerModule).py"
        try? FileManager.default.removeItem(atPath: module)
        try FileManager.default.copyItem(atPath: source, toPath: module)
        let distInfo = sitePackages + "/\(Self.providerModule)-1.0.dist-info"
        try FileManager.default.createDirectory(atPath: distInfo, withIntermediateDirectories: true)
        try "Metadata-Version: 2.1\nName: orderdeck-localstack-dynamodb\nVersion: 1.0\n".write(
            toFile: distInfo + "/METADATA", atomically: true, encoding: .utf8)
        try "[localstack.aws.provider]\ndynamodb:orderdeck_moto = \(Self.providerModule):dynamodb_moto\n".write(
            toFile: distInfo + "/entry_points.txt", atomically: true, encoding: .utf8)
    }

    /// The first Python ≥ 3.12 among ORDERDECK_LOCALSTACK_PYTHON, python3.13/python3.12 on PATH,
    /// pyenv's versions, python3.
    static func findPython(environment: [String: String]) -> String? {
        var candidates: [String] = []
        if let chosen = environment["ORDERDECK_LOCALSTACK_PYTHON"], !chosen.isEmpty { candidates.append(chosen) }
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for name in ["python3.14", "python3.13", "python3.12"] {
            candidates += path.split(separator: ":").map { "\($0)/\(name)" }
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        let pyenvRoot = environment["PYENV_ROOT"] ?? home + "/.pyenv"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: pyenvRoot + "/versions")) ?? []
        for version in versions.sorted(by: { $0.compare($1, options: .numeric) == .orderedDescending }) {
            candidates.append("\(pyenvRoot)/versions/\(version)/bin/python3")
        }
        candidates += path.split(separator: ":").map { "\($0)/python3" }
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate) {
            let check = "import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)"
            if let (status, _) = try? runSync(candidate, ["-c", check]), status == 0 { return candidate }
        }
        return nil
    }
}

/// A short command run to completion (version checks, a path query).
func runSync(_ executable: String, _ arguments: [String]) throws -> (Int32, String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (
        process.terminationStatus,
        String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    )
}
