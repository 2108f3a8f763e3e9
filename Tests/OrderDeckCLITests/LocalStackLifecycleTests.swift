import Foundation
import LocalStack
import TestSupport
import Testing

/// The real binary, driven as an operator drives it: up, up again, seed 200 orders, status, down,
/// and nothing left behind; then a stale record from a crashed stack is cleaned up.
@Suite(.serialized) struct LocalStackLifecycleTests {
    @Test func upSeedStatusDownLeavesNothingBehind() async throws {
        let state = try TemporaryDirectory("cli-state")
        defer { state.remove() }
        let cli = CLIRunner(stateDirectory: state.path)

        let up = try await cli.run(["local", "up"])
        #expect(up.status == 0, "\(up.stderr)")
        #expect(up.stdout.contains("local stack: RUNNING"))
        #expect(up.stdout.contains("POST http://127.0.0.1:"))
        let record = try #require(try StackRecord.load(from: state.path + "/local-stack.json"))
        let attributes = try FileManager.default.attributesOfItem(atPath: state.path + "/local-stack.json")
        #expect((attributes[.posixPermissions] as? Int) == 0o600)

        let again = try await cli.run(["local", "up"])
        #expect(again.status == 0)
        #expect(again.stderr.contains("already running"))
        #expect(try StackRecord.load(from: state.path + "/local-stack.json")?.moto.pid == record.moto.pid)
        // A key asked of a running gateway is not applied: said, and not 0 (issue 31).
        let keyed = try await cli.run(["local", "up", "--api-key", "not-applied-key"])
        #expect(keyed.status == 1)
        #expect(keyed.stderr.contains("--api-key was not applied"), "\(keyed.stderr)")
        #expect(try StackRecord.load(from: state.path + "/local-stack.json")?.apiKey == nil)

        let seed = try await cli.run(["local", "seed", "--orders", "200", "--seed", "7", "--timeout", "90"])
        #expect(seed.status == 0, "\(seed.stdout) \(seed.stderr)")
        #expect(!seed.stderr.contains("still RUNNING"), "\(seed.stderr)")
        #expect(seed.stdout.hasPrefix("submitted 200 orders"))
        #expect(!seed.stdout.contains("still running"))
        #expect(!seed.stdout.contains("rejected"))

        let status = try await cli.run(["local", "status"])
        #expect(status.status == 0)
        #expect(status.stdout.contains("orders       200"))
        #expect(status.stdout.contains("OrderWorkflow  200 executions"))

        let down = try await cli.run(["local", "down"])
        #expect(down.status == 0)
        #expect(down.stdout.hasPrefix("local stack stopped: its orders, executions and logs are gone with it"))
        #expect(!Spawner.isAlive(record.moto.pid))
        #expect(!Spawner.isAlive(record.companionPid))
        #expect(!FileManager.default.fileExists(atPath: state.path + "/local-stack.json"))

        let after = try await cli.run(["local", "status"])
        #expect(after.status == 3)
        #expect(after.stdout.contains("not running"))
    }

    @Test func aCrashedStackIsDetectedAndReplaced() async throws {
        let state = try TemporaryDirectory("cli-crash")
        defer { state.remove() }
        let cli = CLIRunner(stateDirectory: state.path)
        #expect(try await cli.run(["local", "up"]).status == 0)
        let record = try #require(try StackRecord.load(from: state.path + "/local-stack.json"))
        kill(record.moto.pid, SIGKILL)
        for _ in 0..<40 where Spawner.isAlive(record.moto.pid) { try await Task.sleep(for: .milliseconds(50)) }

        let status = try await cli.run(["local", "status"])
        #expect(status.status == 3)
        #expect(status.stdout.contains("BROKEN"))
        #expect(status.stdout.contains("moto (pid \(record.moto.pid)) is gone"))

        let up = try await cli.run(["local", "up"])
        #expect(up.status == 0, "\(up.stderr)")
        #expect(up.stderr.contains("cleaning up a broken local stack"))
        #expect(!Spawner.isAlive(record.companionPid))
        let fresh = try #require(try StackRecord.load(from: state.path + "/local-stack.json"))
        #expect(fresh.moto.pid != record.moto.pid)
        #expect(try await cli.run(["local", "down"]).status == 0)
        #expect(!Spawner.isAlive(fresh.moto.pid))
    }

    @Test func helpListsTheSubcommands() async throws {
        let state = try TemporaryDirectory("help")
        defer { state.remove() }
        let cli = CLIRunner(stateDirectory: state.path)
        let help = try await cli.run(["--help"])
        #expect(help.status == 0)
        for command in ["demo", "whoami", "local"] { #expect(help.stdout.contains("  \(command) ")) }
        let local = try await cli.run(["local", "--help"])
        for command in ["up", "down", "status", "reset", "seed", "install"] {
            #expect(local.stdout.contains("  \(command) "))
        }
        #expect(!local.stdout.contains("  serve "))
    }
}
