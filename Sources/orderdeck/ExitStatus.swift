import ArgumentParser

/// Every exit status the CLI uses, in one place (the README's table is this list).
enum ExitStatus: Int32, CaseIterable {
    case success = 0
    /// A failed AWS call or operation.
    case failure = 1
    /// A submitted order's execution did not succeed (`submit --wait`).
    case executionFailed = 2
    /// The local stack is not running or broken (`local status`).
    case stackNotRunning = 3
    /// `check` found mismatches.
    case mismatches = 4
    /// Bad usage: unknown command, option or value, unreadable input.
    case usage = 64
    /// Bad configuration or credentials set-up.
    case configuration = 78

    var exitCode: ExitCode { ExitCode(rawValue) }
}
