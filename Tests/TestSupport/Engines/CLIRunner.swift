import Foundation

/// Runs the built `orderdeck` binary as an operator would, with an isolated state directory.
public struct CLIRunner: Sendable {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    public let executable: String
    public let environment: [String: String]

    /// The `orderdeck` binary next to the test bundle (SwiftPM builds both into one folder).
    public static var builtExecutable: String {
        let me =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var directory = URL(fileURLWithPath: me).deletingLastPathComponent()
        // Inside an .xctest bundle the binary sits in a subfolder on some platforms.
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("orderdeck").path),
            directory.path != "/"
        {
            directory.deleteLastPathComponent()
        }
        return directory.appendingPathComponent("orderdeck").path
    }

    public init(stateDirectory: String, extraEnvironment: [String: String] = [:]) {
        executable = Self.builtExecutable
        var environment = ProcessInfo.processInfo.environment
        environment["ORDERDECK_STATE_DIR"] = stateDirectory
        environment["AWS_EC2_METADATA_DISABLED"] = "true"
        for (key, value) in extraEnvironment { environment[key] = value }
        self.environment = environment
    }

    /// Any program, run the same way (e.g. the benchmark driver).
    public init(executable: String, environment: [String: String]) {
        self.executable = executable
        self.environment = environment
    }

    /// A long-running command (e.g. `logs --follow`) whose output is collected as it comes.
    public final class Running: @unchecked Sendable {
        let process: Process
        private let lock = NSLock()
        private var output = Data()
        private var errors = Data()

        init(process: Process, out: Pipe, err: Pipe) {
            self.process = process
            out.fileHandleForReading.readabilityHandler = { [weak self] handle in
                let data = handle.availableData
                self?.lock.withLock { self?.output.append(data) }
            }
            err.fileHandleForReading.readabilityHandler = { [weak self] handle in
                let data = handle.availableData
                self?.lock.withLock { self?.errors.append(data) }
            }
        }

        /// Complete lines printed so far.
        public func lines() -> [String] {
            let text = lock.withLock { String(decoding: output, as: UTF8.self) }
            var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
            if !text.hasSuffix("\n"), !lines.isEmpty { lines.removeLast() }
            return lines
        }

        public func errorText() -> String { lock.withLock { String(decoding: errors, as: UTF8.self) } }

        public func stop() {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
        }

        /// Ends the process as a crash would: SIGKILL, nothing cleaned up.
        public func kill() {
            if process.isRunning { _ = Foundation.kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
    }

    /// The process for `arguments`, its output and error pipes attached.
    func prepare(_ arguments: [String]) -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        return (process, out, err)
    }

    public func start(_ arguments: [String]) throws -> Running {
        let (process, out, err) = prepare(arguments)
        process.standardInput = FileHandle.nullDevice
        let running = Running(process: process, out: out, err: err)
        try process.run()
        return running
    }

    /// Runs a command whose reader stops early (`| head -c N`): reads `bytes` of its output, closes
    /// the pipe, and returns how the command ended (the output read, its stderr, its status).
    public func runClosingEarly(_ arguments: [String], after bytes: Int) async throws -> Result {
        let (process, out, err) = prepare(arguments)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return await Self.collect(process, err) {
            let head = out.fileHandleForReading.readData(ofLength: bytes)
            try? out.fileHandleForReading.close()
            return head
        }
    }

    public func run(_ arguments: [String], stdin: String? = nil) async throws -> Result {
        let (process, out, err) = prepare(arguments)
        if let stdin {
            let input = Pipe()
            process.standardInput = input
            try process.run()
            input.fileHandleForWriting.write(Data(stdin.utf8))
            try input.fileHandleForWriting.close()
        } else {
            process.standardInput = FileHandle.nullDevice
            try process.run()
        }
        return await Self.collect(process, err) { out.fileHandleForReading.readDataToEndOfFile() }
    }

    /// Reads what `readOutput` takes of standard output, then all of standard error, waits for the
    /// process — off the cooperative threads, which a blocking read must not hold.
    static func collect(_ process: Process, _ err: Pipe, readOutput: @escaping @Sendable () -> Data) async -> Result {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let stdout = readOutput()
                let stderr = err.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                continuation.resume(
                    returning: Result(
                        status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                        stderr: String(decoding: stderr, as: UTF8.self)))
            }
        }
    }
}
