import Foundation

/// How a timeline's rows read, the same in the CLI and the dashboard.
extension StepOutcome {
    /// "ok", "FAILED States.TaskFailed", "caught Boom", "aborted", "TIMED OUT", "running".
    public func text(error: String?) -> String {
        let suffix = error.map { " \($0)" } ?? ""
        switch self {
        case .running: return "running"
        case .succeeded: return "ok"
        case .failed: return "FAILED" + suffix
        case .caught: return "caught" + suffix
        case .aborted: return "aborted"
        case .timedOut: return "TIMED OUT" + suffix
        }
    }
}

extension Timeline.Step {
    /// The result column: the outcome, and for Map/Parallel what their iterations or branches did.
    /// `mapRuns`: distributed Map runs described (DescribeMapRun), by ARN.
    public func resultText(duration: (TimeInterval?) -> String, mapRuns: [String: MapRunCounts] = [:]) -> String {
        var text = outcome.text(error: error)
        // A failed JSONata or variable evaluation: in which field of the state.
        if let errorLocation, error != nil { text += " at \(errorLocation)" }
        if let summary, !summary.isEmpty { text += " · " + summary.text(duration: duration) }
        if let mapRun {
            text += " · map run " + (mapRuns[mapRun.arn]?.text ?? mapRun.outcome.text(error: mapRun.error))
        }
        return text
    }
}

extension Timeline.Group {
    /// The result column of an iteration or branch: its outcome, and the state that failed it.
    public var resultText: String {
        guard let failed = failedStep else { return outcome.text(error: nil) }
        return outcome.text(error: nil) + " in \(failed.name)" + (failed.error.map { ": \($0)" } ?? "")
    }
}
