import Foundation
import TestSupport
import Testing

/// The benchmark suite (Benchmarks/run.py, issue 7) once per case on tiny data, with the debug
/// build, so the driver, the peers' scripts and every case keep working. Figures are not judged
/// here (that is BENCHMARKS.md's job); that every tool produced correct, validated output is.
@Suite struct BenchmarkSmokeTests {
    static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    @Test func everyCaseRunsOnceForOrderDeckAndEachPeer() async throws {
        let binDirectory = URL(fileURLWithPath: CLIRunner.builtExecutable).deletingLastPathComponent().path
        let state = try TemporaryDirectory("bench-smoke")
        defer { state.remove() }
        let driver = CLIRunner(
            executable: "/usr/bin/env",
            environment: ProcessInfo.processInfo.environment.merging([
                "TMPDIR": state.path, "AWS_EC2_METADATA_DISABLED": "true",
            ]) { $1 })
        let result = try await driver.run([
            "python3", Self.root.appendingPathComponent("Benchmarks/run.py").path, "--smoke", "--bin", binDirectory,
        ])
        #expect(result.status == 0, "suite failed:\n\(result.stdout)\n\(result.stderr)")
        let rows = result.stdout.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| case") }
        for number in Array(1...7) + [9, 10, 11] {
            #expect(
                rows.contains { $0.hasPrefix("| \(number)") && $0.contains("| orderdeck") },
                "no OrderDeck row for case \(number):\n\(result.stdout)")
        }
        let failed = rows.filter { $0.contains("FAILED") }
        #expect(failed.isEmpty, "failed rows:\n\(failed.joined(separator: "\n"))\n\(result.stderr)")
        // Every peer found on this machine ran.
        let peers = result.stdout.split(separator: "\n").first { $0.hasPrefix("peers:") } ?? ""
        if peers.contains("boto3") { #expect(rows.contains { $0.contains("| boto3") }) }
        if peers.contains("aws-cli-v1") { #expect(rows.contains { $0.contains("| aws-cli-v1 |") }) }
        if peers.contains("aws-cli-v2") { #expect(rows.contains { $0.contains("| aws-cli-v2 logs tail |") }) }
        print("benchmark smoke: \(rows.count) rows, \(peers)")
    }
}
