import AWSClient
import Foundation
import Logging

/// Brings the local stack up and down: moto, provisioning, and the companion process (local API
/// gateway + vended-log delivery). `up` is idempotent, `down` stops exactly what `up` started, and
/// a crashed or stale stack is detected and cleaned up.
public struct LocalStackController: Sendable {
    public let directories: StateDirectories
    public let environment: [String: String]
    /// The `orderdeck` binary, run as `orderdeck local serve` for the companion.
    public let executable: String
    public let progress: @Sendable (String) -> Void

    public init(
        directories: StateDirectories, environment: [String: String] = ProcessInfo.processInfo.environment,
        executable: String,
        progress: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.directories = directories
        self.environment = environment
        self.executable = executable
        self.progress = progress
    }

    public var recordPath: String { StackRecord.path(in: directories) }
    var logDirectory: String { directories.state + "/logs" }

    public enum Health: Sendable, Equatable {
        case notRunning
        case running(StackRecord)
        /// Recorded but (partly) dead: which parts are down.
        case broken(StackRecord, String)
    }

    /// Checks every recorded part really answers.
    public func health() async throws -> Health {
        guard let record = try StackRecord.load(from: recordPath) else { return .notRunning }
        var problems: [String] = []
        let engine = record.engineKind
        if !Spawner.isAlive(record.moto.pid) {
            problems.append("\(engine.displayName) (pid \(record.moto.pid)) is gone")
        } else if (try? await AsyncHTTPTransport().send(
            HTTPRequest(method: "GET", origin: record.moto.endpoint, path: engine.healthPath), timeout: .seconds(3)))
            == nil
        {
            problems.append("\(engine.displayName) does not answer on port \(record.moto.port)")
        }
        if !Spawner.isAlive(record.companionPid) {
            problems.append("the companion (pid \(record.companionPid)) is gone")
        } else if await !Self.answers(record.gatewayHealthURL) {
            problems.append("the local gateway does not answer on port \(record.gatewayPort)")
        }
        return problems.isEmpty ? .running(record) : .broken(record, problems.joined(separator: "; "))
    }

    /// Starts everything on `engine`, or returns the stack that is already running there.
    public func up(apiKey: String? = nil, engine: LocalEngine = .moto) async throws -> (
        record: StackRecord, alreadyRunning: Bool
    ) {
        switch try await health() {
        case .running(let record):
            guard record.engineKind == engine else {
                throw LocalStackError.otherEngine(running: record.engineKind, asked: engine)
            }
            return (record, true)
        case .broken(let record, let why):
            progress("cleaning up a broken local stack: \(why)")
            await stop(record)
        case .notRunning:
            break
        }
        if engine == .ministack { return (try await upSeeds(apiKey: apiKey), false) }
        let installation = try MotoInstallation(directories: directories, environment: environment)
        try await installation.ensureInstalled(progress: progress)
        try StateDirectories.ensure(logDirectory)
        progress("starting moto \(installation.version)")
        let moto = try await MotoServer.start(
            installation: installation, logPath: logDirectory + "/moto.log", lifetime: .detached)
        do {
            try await moto.enableStateMachineExecution()
            var record = StackRecord(
                moto: moto, companionPid: 0, gatewayPort: try Spawner.freeLoopbackPort(), apiKey: apiKey,
                stack: ProvisionedStack(region: "", tableName: "", topicArn: "", roleArn: "", machines: []),
                startedAt: Date())
            progress("provisioning the ORDER table, topic, log groups and state machines")
            let definition = try StackDefinition.load(environment: environment)
            record.stack.region = definition.region
            record.stack = try await Provisioner(
                client: record.client(), definition: definition, environment: environment
            ).provision()
            try record.save(to: recordPath)
            try await startCompanion(&record)
            return (record, false)
        } catch {
            await moto.stop()
            if let partial = try? StackRecord.load(from: recordPath) { await stop(partial) }
            throw error
        }
    }

    /// MiniStack in the private venv, owned by a lease beside the record (so it outlives this
    /// command and `down` ends it), the seeds deployed on it, then the companion.
    func upSeeds(apiKey: String?) async throws -> StackRecord {
        let installation = try MiniStackInstallation(directories: directories, environment: environment)
        if let reason = installation.unavailableReason { throw LocalStackError.installFailed(reason) }
        try await installation.ensureInstalled(progress: progress)
        try StateDirectories.ensure(logDirectory)
        progress("starting MiniStack \(installation.version)")
        let server = try await MiniStackServer.start(
            installation, owner: .lease(path: leasePath, idle: .seconds(315_360_000)))
        do {
            var record = StackRecord(
                moto: MotoServer(port: server.port, pid: server.pid, logPath: server.logPath), companionPid: 0,
                gatewayPort: try Spawner.freeLoopbackPort(), apiKey: apiKey,
                stack: ProvisionedStack(region: "us-east-1", tableName: "", topicArn: "", roleArn: "", machines: []),
                startedAt: Date(), engine: .ministack)
            progress(
                "deploying the seeds' systems: six Lambda functions, the SQS queue and its mapping, two state machines")
            let seeds = try await SeedsDeployment.deploy(
                client: record.client(), engine: server.endpoint, environment: environment)
            record.stack = ProvisionedStack(
                region: "us-east-1", tableName: seeds.tableName, topicArn: seeds.topicArn, roleArn: "",
                machines: seeds.machines)
            record.queueUrl = seeds.queueUrl
            record.functions = SeedsTemplate.functions.map(\.name)
            if Self.nodeIsInstalled(environment: environment) {
                record.graphQLURL = seeds.graphQLURL(engine: server.endpoint)
                record.graphQLApiKey = seeds.graphQLApiKey
            } else {
                progress("no node on PATH: MiniStack cannot run the AppSync resolver, so that front door is left out")
            }
            try record.save(to: recordPath)
            try await startCompanion(&record)
            return record
        } catch {
            await server.stop()
            try? FileManager.default.removeItem(atPath: leasePath)
            if let partial = try? StackRecord.load(from: recordPath) { await stop(partial) }
            throw error
        }
    }

    /// MiniStack runs APPSYNC_JS resolvers on Node.
    static func nodeIsInstalled(environment: [String: String]) -> Bool {
        (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/node")
        }
    }

    /// The lease that keeps a MiniStack local stack alive: `down` removes it.
    var leasePath: String { directories.state + "/ministack.lease" }

    /// The local API gateway and vended-log delivery, for any engine.
    private func startCompanion(_ record: inout StackRecord) async throws {
        progress("starting the local API gateway and log delivery")
        var companionEnvironment = environment
        companionEnvironment["AWS_EC2_METADATA_DISABLED"] = "true"
        record.companionPid = try Spawner.spawnDetached(
            executable: executable, arguments: ["local", "serve", "--record", recordPath],
            environment: companionEnvironment,
            logPath: logDirectory + "/companion.log")
        try record.save(to: recordPath)
        try await waitForGateway(record)
    }

    /// Stops what the record names and forgets it. Returns false when nothing was running.
    @discardableResult
    public func down() async throws -> Bool {
        guard let record = try StackRecord.load(from: recordPath) else { return false }
        await stop(record)
        return true
    }

    /// Wipes all data and provisions again on the running moto.
    public func reset() async throws -> StackRecord {
        guard case .running(var record) = try await health() else { throw LocalStackError.notRunning }
        if record.engineKind == .ministack {
            // MiniStack keeps its state in memory too: a new one is the clean slate.
            await stop(record)
            return try await upSeeds(apiKey: record.apiKey)
        }
        try await record.moto.reset()
        let definition = try StackDefinition.load(environment: environment)
        record.stack = try await Provisioner(client: record.client(), definition: definition, environment: environment)
            .provision()
        try record.save(to: recordPath)
        // The companion keeps its delivery state in memory: restart it against the new stack.
        await Spawner.stop(record.companionPid)
        record.companionPid = try Spawner.spawnDetached(
            executable: executable, arguments: ["local", "serve", "--record", recordPath], environment: environment,
            logPath: logDirectory + "/companion.log")
        try record.save(to: recordPath)
        try await waitForGateway(record)
        return record
    }

    func stop(_ record: StackRecord) async {
        await Spawner.stop(record.companionPid)
        if record.engineKind == .ministack {
            // The guard ends MiniStack's process group (its Lambda workers too) and its files.
            try? FileManager.default.removeItem(atPath: leasePath)
            await Spawner.stop(record.moto.pid, grace: .seconds(8))
            kill(-record.moto.pid, SIGKILL)
        } else {
            await Spawner.stop(record.moto.pid)
        }
        try? FileManager.default.removeItem(atPath: recordPath)
    }

    private func waitForGateway(_ record: StackRecord) async throws {
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            if await Self.answers(record.gatewayHealthURL) { return }
            if !Spawner.isAlive(record.companionPid) { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        let log = (try? String(contentsOfFile: logDirectory + "/companion.log", encoding: .utf8)) ?? ""
        throw LocalStackError.serverDidNotStart(
            "the companion did not come up: \(MotoInstallation.lastLines(log, count: 3))")
    }

    static func answers(_ url: String) async -> Bool {
        guard let schemeEnd = url.range(of: "://"), let slash = url[schemeEnd.upperBound...].firstIndex(of: "/") else {
            return false
        }
        let request = HTTPRequest(method: "GET", origin: String(url[..<slash]), path: String(url[slash...]))
        return (try? await AsyncHTTPTransport().send(request, timeout: .seconds(2)).status) == 200
    }

    /// The path of the running executable (for spawning the companion).
    public static var currentExecutable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}
