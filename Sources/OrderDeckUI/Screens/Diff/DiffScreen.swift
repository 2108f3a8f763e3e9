import OrderDeckCore
import TerminalUI

/// The Diff screen's state: two executions side by side (`ExecutionDiff`), opened with `D` on the
/// Executions screen (the marked execution against the selected one), or on two timelines already
/// read (a replay against its original). It also holds the mark, so any list can set it.
public struct DiffScreen: Sendable {
    /// The execution marked (space on a list): A of the next `D`.
    public internal(set) var marked: Execution?
    public private(set) var labelA = "A"
    public private(set) var labelB = "B"
    /// The executions being read, while they are (nil when opened on timelines).
    public private(set) var arns: [ExecutionARN] = []
    public private(set) var timelines: (a: Timeline, b: Timeline)?
    public private(set) var diff: ExecutionDiff?
    /// Ids and times count as differences too (`s`).
    public private(set) var strict = false
    /// Why the histories could not be read, while they could not.
    public private(set) var problem: String?
    /// The first line shown below the heading.
    public var scroll = 0
    /// A replay shown here: the verdict, where it ran, what was changed to replay it, and the
    /// Tasks it reached with no answer — above the comparison.
    public private(set) var notes: [String] = []
    /// Replaying (rather than reading two histories) while `isLoading`.
    public private(set) var isReplay = false

    public init() {}

    /// Both executions to be read: nothing shown until they are.
    mutating func request(_ a: Execution, _ b: Execution) {
        notes = []
        isReplay = false
        (labelA, labelB) = (a.name, b.name)
        arns = [a.arn, b.arn]
        names = [a.name, b.name]
        timelines = nil
        diff = nil
        problem = nil
        scroll = 0
    }

    /// The two histories read: diffed, if they are still the ones asked for.
    mutating func loaded(_ a: (Execution, [ExecutionEvent]), _ b: (Execution, [ExecutionEvent])) {
        guard arns == [a.0.arn, b.0.arn] else { return }
        show(Timeline(events: a.1), Timeline(events: b.1), labels: (a.0.name, b.0.name), names: [a.0.name, b.0.name])
        arns = []
    }

    mutating func failed(_ a: ExecutionARN, _ b: ExecutionARN, _ message: String) {
        guard arns == [a, b] else { return }
        problem = message
    }

    /// Two timelines already read, compared at once.
    mutating func show(_ a: Timeline, _ b: Timeline, labels: (String, String), names: [String] = []) {
        notes = []
        isReplay = false
        (labelA, labelB) = labels
        self.names = names
        arns = []
        problem = nil
        timelines = (a, b)
        scroll = 0
        compare()
    }

    /// A replay asked for: the original against its replay once it has run.
    mutating func requestReplay(of execution: Execution) {
        (labelA, labelB) = ("original \(execution.name)", "replay")
        arns = [execution.arn, execution.arn]
        names = [execution.name]
        notes = []
        isReplay = true
        timelines = nil
        diff = nil
        problem = nil
        scroll = 0
    }

    /// The replay ran: shown if it is still the one asked for.
    mutating func replayed(_ report: ReplayReport) {
        let arn = report.recording.execution.arn
        guard arns == [arn, arn] else { return }
        var notes = [report.verdict, "replayed on the local engine at \(report.engine) · nothing written to the stack"]
        notes += report.changes.map { "  · \($0)" }
        notes += report.unanswered.map { "no answer for \($0.state): \($0.cause)" }
        show(
            report.recording.timeline, report.run.timeline, labels: ("original", "replay"),
            names: [report.recording.execution.name, ExecutionARN(report.run.executionArn).name])
        self.notes = notes + [""]
        isReplay = true
    }

    mutating func toggleStrict() {
        strict.toggle()
        compare()
    }

    /// The executions' names: values that differ only in them are ids, not differences.
    private var names: [String] = []

    private mutating func compare() {
        guard let timelines else { return }
        diff = ExecutionDiff(timelines.a, timelines.b, options: .init(strict: strict, executionNames: names))
    }

    var isLoading: Bool { diff == nil && problem == nil && !arns.isEmpty }
}
