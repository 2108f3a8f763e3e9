import Foundation
import TestSupport
import Testing

/// `orderdeck replay`'s usage errors and the engine's lifecycle as far as they need no engine:
/// each mistake is one line and exit 64 before anything is read or started, and stopping an
/// engine that is not running says so.
@Suite struct ReplayCommandTests {
    @Test func usageMistakesAreOneLineAndNothingStarts() async throws {
        let state = try TemporaryDirectory("replay-usage")
        defer { state.remove() }
        let cli = CLIRunner(stateDirectory: state.path, extraEnvironment: ["AWS_CONFIG_FILE": state.path + "/none"])
        let none = try await cli.run(["replay"])
        #expect(none.status == 64 && none.stderr.contains("name an order id or execution ARN to replay"))
        let both = try await cli.run(["replay", "o-1", "--input", "x.json", "--edit-input"])
        #expect(both.status == 64 && both.stderr.contains("--input and --edit-input: choose one"))
        let task = try await cli.run(["replay", "o-1", "--task", "ProcessPayment"])
        #expect(task.status == 64 && task.stderr.contains("--task takes STATE=FILE ('ProcessPayment' has no '=')"))
        // No engine record was written by any of them.
        #expect(!FileManager.default.fileExists(atPath: state.path + "/replay-engine.json"))

        let stopped = try await cli.run(["replay", "--stop-engine"])
        #expect(stopped.status == 0)
        #expect(stopped.stdout == "no replay engine was running\n")
    }
}
