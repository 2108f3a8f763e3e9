import AWSClient
import ArgumentParser
import Foundation
import LocalStack
import OrderDeckCore
import TerminalUI

/// `orderdeck replay`: an execution run again off production, every Task answered from its
/// recording, and compared with the original — or, with a what-if, how the path changes.
struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Run an execution again on a local engine from its recording, and compare (what-ifs too).",
        discussion: """
            Reads the execution as it ran (input, the definition it ran, every Task's answer per \
            attempt) and runs it on a local LocalStack with each Task answered from the recording: \
            Choice, Map, Parallel, Retry, Catch and the data processing run for real, nothing is \
            written anywhere. Wait states wait 0 s, Retry intervals are 1 s, Map iterations run one \
            at a time, and a Pass built on randomness answers what it rolled. The engine starts on \
            first use (LocalStack is installed then if needed) and stays up for later replays until \
            it has been idle for 30 minutes or --stop-engine. Exit status 1 when a plain replay does \
            not match the original.
            """)

    @OptionGroup var stack: StackOptions

    @Argument(help: "An order id or execution ARN.")
    var target: String?

    @Option(help: ArgumentHelp("What-if: run with this input instead ('-' for standard input).", valueName: "file"))
    var input: String?

    @Flag(help: "What-if: edit the recorded input in $VISUAL/$EDITOR first.")
    var editInput = false

    @Option(help: ArgumentHelp("What-if: run this definition instead of the one it ran.", valueName: "file"))
    var definition: String?

    @Option(
        name: .customLong("task"),
        help: ArgumentHelp(
            "What-if: STATE=FILE answers every call of that Task with FILE's JSON (a result, {\"Return\": …} or {\"Throw\": {\"Error\": …, \"Cause\": …}}).",
            valueName: "state=file"))
    var tasks: [String] = []

    @Flag(help: "Count differing ids and times too (by default they do not make a replay differ).")
    var strict = false

    @Flag(help: "Stop the replay engine and exit.")
    var stopEngine = false

    @Option(help: "table or json.")
    var output: OutputFormat = .table

    func validate() throws {
        if stopEngine { return }
        guard target != nil else { throw ValidationError("name an order id or execution ARN to replay") }
        if input != nil && editInput { throw ValidationError("--input and --edit-input: choose one") }
        for task in tasks where !task.contains("=") {
            throw ValidationError("--task takes STATE=FILE ('\(task)' has no '=')")
        }
    }

    func run() async throws {
        try await reportingFailures {
            let directories = StateDirectories.resolve(environment: CommandContext.current.environment)
            if stopEngine {
                let stopped = await ReplayEngineHost.stop(directories: directories)
                print(stopped ? "replay engine stopped" : "no replay engine was running")
                return
            }
            guard let target else { return }
            let session = try await stack.session()
            let store = ExecutionStore(session: session)
            let arn = try await ExecutionResolver(session: session, store: store).arn(for: target)
            let recording = try await store.recording(arn: arn)
            let whatIf = try whatIf(recording)
            let (engine, coldStart) = try await Self.engine(directories: directories) { Self.complain($0) }
            let report = try await ExecutionReplay.replay(recording, whatIf: whatIf, engine: engine, strict: strict)
            if output == .json {
                print(ReplayJSON.report(report, coldStart: coldStart).description)
            } else {
                for line in ReplayText.lines(report, coldStart: coldStart, width: Self.width) { print(line) }
            }
            if whatIf.isEmpty && !report.diff.isSame {
                throw CLIFailure(message: "the replay does not match the original", code: .failure)
            }
        }
    }

    /// The what-if from the options, files read and checked.
    func whatIf(_ recording: ReplayRecording) throws -> ReplayWhatIf {
        var whatIf = ReplayWhatIf()
        if let input { whatIf.input = try Self.json(InputFile.read(input), what: "--input") }
        if editInput {
            let pretty = (try? JSONValue.parse(recording.input))?.prettyText ?? recording.input
            let edited = try EditorText.edit(pretty)
            let parsed = try Self.json(Data(edited.utf8), what: "the edited input")
            if (try? JSONValue.parse(parsed)) == (try? JSONValue.parse(recording.input)) {
                Self.complain("the input was not changed: replaying it as it ran")
            } else {
                whatIf.input = parsed
            }
        }
        if let definition { whatIf.definition = String(decoding: try InputFile.read(definition), as: UTF8.self) }
        for task in tasks {
            let parts = task.split(separator: "=", maxSplits: 1).map(String.init)
            let text = String(decoding: try InputFile.read(parts[1]), as: UTF8.self)
            do {
                whatIf.tasks[parts[0]] = try ReplayWhatIf.answer(parsing: text)
            } catch {
                throw CLIFailure(message: "--task \(parts[0]): \(error)", code: .usage)
            }
        }
        return whatIf
    }

    static func json(_ data: Data, what: String) throws -> String {
        let text = String(decoding: data, as: UTF8.self)
        guard (try? JSONValue.parse(text)) != nil else {
            throw CLIFailure(message: "\(what) is not JSON", code: .usage)
        }
        return text
    }

    /// The replay engine, started when none is up (the command and the dashboard alike), and how
    /// long starting it took (nil: it was up).
    static func engine(directories: StateDirectories, progress: @escaping @Sendable (String) -> Void = { _ in })
        async throws -> (ReplayEngine, Duration?)
    {
        let host = try await ReplayEngineHost.ensure(directories: directories, progress: progress)
        let engine = ReplayEngine(
            client: engineClient(endpoint: host.server.endpoint), mockConfigPath: host.server.mockConfigPath,
            endpoint: host.server.endpoint)
        return (engine, host.coldStart)
    }

    /// The engine checks no signature: the local stack's fixed keys, never the operator's.
    static func engineClient(endpoint: String) -> AWSClient {
        let region = "us-east-1"
        return AWSClient(
            region: region, credentials: StaticCredentialProvider(.loopbackStack),
            endpoints: EndpointResolver(
                region: region, explicitURL: endpoint,
                environment: ProcessEnvironment(variables: ["AWS_EC2_METADATA_DISABLED": "true"], homeDirectory: "/")),
            timeout: .seconds(60))
    }

    static var width: Int { OrderDeckCommand.screenColumns }
}
