import AWSClient
import Foundation
import LocalStack
import Logging

/// Where OrderDeck's own diagnostics go. Never the terminal by default: the dashboard owns the
/// screen (a retry notice on stderr would tear it), and scripts want stdout/stderr clean. So every
/// message at `info` and above goes to `<state dir>/logs/orderdeck.log` (0600 in a 0700 directory),
/// and `--debug` adds `debug` messages on stderr for the CLI commands.
enum DiagnosticLog {
    static func bootstrap(
        arguments: [String] = CommandLine.arguments, environment: [String: String]
    ) {
        let debug = arguments.contains("--debug")
        let directories = StateDirectories.resolve(environment: environment)
        let logDirectory = directories.state + "/logs"
        let file = try? FileLog.open(directory: logDirectory, name: "orderdeck.log")
        LoggingSystem.bootstrap { label in
            var handlers: [any LogHandler] = []
            if let file {
                var handler = FileLogHandler(label: label, file: file)
                handler.logLevel = debug ? .debug : .info
                handlers.append(handler)
            }
            if debug {
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = .debug
                handlers.append(handler)
            }
            return handlers.isEmpty ? SwiftLogNoOpLogHandler() : MultiplexLogHandler(handlers)
        }
    }
}

/// An append-only log file shared by every logger; rotated once (to `.1`) when over 5 MB at start.
final class FileLog: @unchecked Sendable {
    private let handle: FileHandle
    private let lock = NSLock()

    private init(handle: FileHandle) { self.handle = handle }

    static func open(directory: String, name: String) throws -> FileLog {
        try StateDirectories.ensure(directory)
        let path = directory + "/" + name
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > 5_000_000 {
            try? FileManager.default.removeItem(atPath: path + ".1")
            try? FileManager.default.moveItem(atPath: path, toPath: path + ".1")
        }
        let descriptor = Foundation.open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteNoPermission) }
        return FileLog(handle: FileHandle(fileDescriptor: descriptor, closeOnDealloc: true))
    }

    func write(_ line: String) {
        lock.withLock { handle.write(Data((line + "\n").utf8)) }
    }
}

struct FileLogHandler: LogHandler {
    let label: String
    let file: FileLog
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        file.write("\(ISO8601.formatMilliseconds(Date())) \(event.level) \(label): \(event.message)")
    }
}
