import AWSClient
import Foundation

/// What an operator changes for a what-if replay: the input, the definition, or the answer one
/// Task gives (every call). Empty: a faithful replay.
public struct ReplayWhatIf: Sendable {
    public var input: String?
    public var definition: String?
    public var tasks: [String: TaskAnswer]

    public init(input: String? = nil, definition: String? = nil, tasks: [String: TaskAnswer] = [:]) {
        self.input = input
        self.definition = definition
        self.tasks = tasks
    }

    public var isEmpty: Bool { input == nil && definition == nil && tasks.isEmpty }

    /// What was changed, one line each.
    public var lines: [String] {
        var lines: [String] = []
        if input != nil { lines.append("input replaced") }
        if definition != nil { lines.append("definition replaced") }
        for name in tasks.keys.sorted() { lines.append("\(name) answered by the given file") }
        return lines
    }

    /// The same in one phrase, for the verdict.
    public var phrase: String {
        var parts: [String] = []
        if input != nil { parts.append("the input replaced") }
        if definition != nil { parts.append("the definition replaced") }
        if !tasks.isEmpty { parts.append(tasks.keys.sorted().joined(separator: ", ") + " answered as given") }
        return parts.joined(separator: " and ")
    }

    /// `--task STATE=FILE`'s answer: `{"Return": …}` or `{"Throw": {"Error", "Cause"}}` (the
    /// mock configuration's own form), or any other JSON as what the Task returned.
    public static func answer(parsing text: String) throws -> TaskAnswer {
        guard let value = try? JSONValue.parse(text) else {
            throw CoreError.invalidInput("a task answer must be JSON (a result, {\"Return\": …} or {\"Throw\": …})")
        }
        if let members = value.objectMembers, members.count == 1 {
            if let returned = value["Return"] { return .returned(returned.description, truncated: false) }
            if let thrown = value["Throw"] {
                guard let error = thrown["Error"]?.stringValue else {
                    throw CoreError.invalidInput("a Throw answer needs \"Error\" (and \"Cause\")")
                }
                return .threw(error: error, cause: thrown["Cause"]?.stringValue ?? "")
            }
        }
        return .returned(value.description, truncated: false)
    }
}

/// One replay's outcome: the original beside the replay, compared, with everything that made the
/// replay differ from a plain re-run said.
public struct ReplayReport: Sendable {
    public var recording: ReplayRecording
    public var run: ReplayEngine.Run
    public var diff: ExecutionDiff
    public var whatIf: ReplayWhatIf
    /// Where the definition replayed came from: the recording's, or the what-if's file.
    public var definitionSource: String {
        whatIf.definition == nil ? recording.definitionSource : "the what-if's, not the one it ran"
    }
    /// How the definition was made fit to replay (`ReplayDefinition.changes`).
    public var changes: [String]
    /// Tasks the replay reached with no answer: name and why.
    public var unanswered: [(state: String, cause: String)]
    /// Where it ran.
    public var engine: String
    /// From the first request to the engine to the replay's history read.
    public var elapsed: Duration

    public init(
        recording: ReplayRecording, run: ReplayEngine.Run, diff: ExecutionDiff, whatIf: ReplayWhatIf = ReplayWhatIf(),
        changes: [String] = [], unanswered: [(state: String, cause: String)] = [], engine: String,
        elapsed: Duration = .zero
    ) {
        self.recording = recording
        self.run = run
        self.diff = diff
        self.whatIf = whatIf
        self.changes = changes
        self.unanswered = unanswered
        self.engine = engine
        self.elapsed = elapsed
    }

    /// One line: the verdict first.
    public var verdict: String {
        if whatIf.isEmpty {
            return diff.isSame
                ? "replay matches the original: \(diff.summary)"
                : "replay differs from the original: \(diff.summary)"
        }
        let ending: String
        switch run.status {
        case .succeeded: ending = "succeeds"
        case .failed: ending = "fails" + (run.timeline.failure?.culprit.map { " in \($0)" } ?? "")
        default: ending = "ends \(run.status.rawValue)"
        }
        let path = diff.isSame ? "takes the same path" : "takes another path (\(diff.summary))"
        return "with \(whatIf.phrase), \(recording.execution.name) \(path) and \(ending)"
    }
}

/// Replays a recorded execution on a local engine and compares the two.
public enum ExecutionReplay {
    public static func replay(
        _ recording: ReplayRecording, whatIf: ReplayWhatIf = ReplayWhatIf(), engine: ReplayEngine,
        strict: Bool = false, clock: any AppClock = SystemClock()
    ) async throws -> ReplayReport {
        let began = clock.now()
        let pinnable = Set(recording.timeline.allSteps.filter { $0.kind == .pass && $0.output != nil }.map(\.name))
        let definition = try ReplayDefinition(
            definition: whatIf.definition ?? recording.definition, pinnable: pinnable)
        for name in whatIf.tasks.keys where !definition.taskStates.contains(name) {
            let known = definition.taskStates.sorted().joined(separator: ", ")
            throw CoreError.invalidInput("--task \(name): no Task state of that name (Tasks: \(known))")
        }
        let answers = ReplayAnswers(timeline: recording.timeline, definition: definition, overrides: whatIf.tasks)
        var run = try await engine.run(
            definition: definition, answers: answers, input: whatIf.input ?? recording.input,
            executionName: recording.execution.name, clock: clock)
        run.timeline = run.timeline.restoringStandIns(pinnedPasses: Set(definition.pinnedPasses.keys))
        let diff = ExecutionDiff(
            recording.timeline, run.timeline,
            options: .init(
                strict: strict, executionNames: [recording.execution.name, ExecutionARN(run.executionArn).name]))
        var unanswered: [(String, String)] = []
        for step in run.timeline.allSteps
        where step.error == ReplayAnswers.noRecording || step.error == ReplayAnswers.truncatedRecording {
            if !unanswered.contains(where: { $0.0 == step.name }) { unanswered.append((step.name, step.cause ?? "")) }
        }
        return ReplayReport(
            recording: recording, run: run, diff: diff, whatIf: whatIf, changes: definition.changes,
            unanswered: unanswered.map { (state: $0.0, cause: $0.1) }, engine: engine.endpoint,
            elapsed: .milliseconds(Int64(clock.now().timeIntervalSince(began) * 1000)))
    }
}
