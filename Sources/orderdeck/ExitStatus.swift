import ArgumentParser

/// Every exit status the CLI uses, in one place: `orderdeck --help` and the README show `table`.
enum ExitStatus: Int32, CaseIterable {
    case success = 0
    /// A failed AWS call or operation; `diff`: the executions differ (as diff(1)).
    case failure = 1
    /// A submitted order's execution did not succeed (`submit --wait`); `diff`: the executions
    /// could not be compared (`diffTrouble`).
    case executionFailed = 2
    /// The local stack is not running or broken (`local status`).
    case stackNotRunning = 3
    /// `check` found mismatches.
    case mismatches = 4
    /// `submit --wait`: accepted, and the execution still RUNNING when `--timeout` ran out.
    case stillRunning = 5
    /// Bad usage: unknown command, option or value, unreadable input.
    case usage = 64
    /// Bad configuration or credentials set-up.
    case configuration = 78

    /// `diff` exits as diff(1): 0 the same, 1 different, 2 trouble — bad usage, an execution not
    /// found, a failed AWS call, bad configuration — so 1 never means a call failed.
    static let diffTrouble = executionFailed

    var exitCode: ExitCode { ExitCode(rawValue) }

    /// What the status tells a script, one line each (short enough for an 80-column `--help`).
    var meaning: String {
        switch self {
        case .success: "success (also when the reader of a pipe stops early)"
        case .failure: "a failed AWS call or operation; submit: not accepted; diff: they differ"
        case .executionFailed: "submit --wait: FAILED, TIMED_OUT or ABORTED; diff: could not compare"
        case .stackNotRunning: "local status: the local stack is not running or broken"
        case .mismatches: "check found mismatches"
        case .stillRunning: "submit --wait: accepted, still RUNNING at --timeout (ARN on stdout)"
        case .usage: "bad usage: unknown command, option or value; unreadable input file"
        case .configuration: "configuration error: configuration file, profile, credentials"
        }
    }

    /// The exit-status table, generated here only: `orderdeck --help` shows it and the README
    /// holds a copy that a test compares with it.
    static var table: String {
        allCases.map { status in
            let code = String(status.rawValue)
            return "  " + code + String(repeating: " ", count: 4 - code.count) + status.meaning
        }.joined(separator: "\n")
    }
}
