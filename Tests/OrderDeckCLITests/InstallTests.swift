import Foundation
import TestSupport
import Testing

/// Installed like a tool: a binary on PATH that says its version and commit, with completions.
@Suite struct InstallTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func versionSaysTheReleaseAndTheCommit() async throws {
        let state = try TemporaryDirectory("version")
        defer { state.remove() }
        let version = try await CLIRunner(stateDirectory: state.path).run(["--version"])
        #expect(version.status == 0)
        #expect(
            version.stdout.wholeMatch(of: /orderdeck \d+\.\d+\.\d+ \(commit ([0-9a-f]{12}(\+changes)?|unknown)\)\n/)
                != nil,
            "\(version.stdout)")
    }

    @Test func installPutsTheBinaryAndCompletionsUnderThePrefix() async throws {
        let prefix = try TemporaryDirectory("prefix")
        defer { prefix.remove() }
        let binDirectory = (CLIRunner.builtExecutable as NSString).deletingLastPathComponent
        var environment = ProcessInfo.processInfo.environment
        environment["PREFIX"] = prefix.path
        let install = try await CLIRunner(
            executable: Self.root.appendingPathComponent("Scripts/install.sh").path, environment: environment
        ).run(["--bin", binDirectory, "--no-man"])
        #expect(install.status == 0, "\(install.stderr)")
        #expect(install.stdout.hasPrefix("installed orderdeck "))
        let installed = try await CLIRunner(
            executable: prefix.path + "/bin/orderdeck", environment: ["AWS_EC2_METADATA_DISABLED": "true"]
        ).run(["--version"])
        #expect(installed.stdout.hasPrefix("orderdeck "))
        for (file, marker) in [
            ("share/bash-completion/completions/orderdeck", "_orderdeck"),
            ("share/zsh/site-functions/_orderdeck", "#compdef orderdeck"),
            ("share/fish/vendor_completions.d/orderdeck.fish", "complete -c 'orderdeck'"),
        ] {
            let text = try String(contentsOfFile: prefix.path + "/" + file, encoding: .utf8)
            #expect(text.contains(marker), "\(file)")
            for command in ["orders", "executions", "history", "logs", "submit", "local"] {
                #expect(text.contains(command), "\(file) completes \(command)")
            }
        }
    }
}
