import AWSClient
import Foundation

/// What a command reads and writes besides its arguments: the environment, standard input,
/// standard output and standard error. The root reads the process's once (`process(_:)`) and
/// binds them for the run; the in-process tests bind memory streams and an environment of their
/// own, as hummingbird tests its router without a socket.
///
/// A task-local because swift-argument-parser builds the commands and calls `run()` itself: every
/// command and helper of one run, and every child task it starts, sees the same context.
struct CommandContext: Sendable {
    var environment: [String: String]
    var output: CommandStream
    var errors: CommandStream
    var input: CommandInput

    /// The context of the command running now (`OrderDeckCommand.execute` binds it).
    @TaskLocal static var current = CommandContext(
        environment: [:], output: .standardOutput, errors: .standardError, input: .standardInput)

    /// The binary's context: the process's streams and `environment` (read once, in `main`).
    static func process(_ environment: [String: String]) -> CommandContext {
        CommandContext(environment: environment, output: .standardOutput, errors: .standardError, input: .standardInput)
    }

    /// A context held in memory: what a test gives and reads back.
    static func memory(environment: [String: String], input: String = "") -> CommandContext {
        CommandContext(environment: environment, output: CommandStream(), errors: CommandStream(), input: .text(input))
    }

    /// The environment as the AWS client reads it (credentials, region, shared config files).
    var processEnvironment: ProcessEnvironment { ProcessEnvironment(variables: environment) }
}

/// Where a command's bytes go: the process's standard output or error, or memory.
final class CommandStream: @unchecked Sendable {
    enum Target: Sendable {
        case standardOutput
        case standardError
        case memory
    }

    let target: Target
    private let lock = NSLock()
    private var captured: [UInt8] = []

    init(_ target: Target = .memory) { self.target = target }

    static let standardOutput = CommandStream(.standardOutput)
    static let standardError = CommandStream(.standardError)

    func write(_ bytes: [UInt8]) {
        switch target {
        case .standardOutput: StandardOutput.writeAll(bytes)
        case .standardError: FileHandle.standardError.write(Data(bytes))
        case .memory: lock.withLock { captured.append(contentsOf: bytes) }
        }
    }

    func write(_ text: String) { write(Array(text.utf8)) }

    /// What was written, for a memory stream.
    var text: String { lock.withLock { String(decoding: captured, as: UTF8.self) } }
}

/// Standard input, or a text given in its place.
struct CommandInput: Sendable {
    let read: @Sendable () -> Data
    /// One line, for an answer to a question (nil: the input ended): a terminal is not read to its end.
    let firstLine: @Sendable () -> String?

    static let standardInput = CommandInput(
        read: { FileHandle.standardInput.readDataToEndOfFile() }, firstLine: { Swift.readLine() })

    static func text(_ text: String) -> CommandInput {
        CommandInput(
            read: { Data(text.utf8) },
            firstLine: {
                text.isEmpty
                    ? nil
                    : text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).first.map(String.init)
            })
    }

    /// Every line, without its line end.
    func lines() -> [String] {
        String(decoding: read(), as: UTF8.self).split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            .map(String.init)
    }
}
