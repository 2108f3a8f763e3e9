import Foundation
import TestSupport
import Testing

@testable import orderdeck

/// `executions --map-run` and `history --map-run` in process (issue 27): what is refused before
/// anything is contacted, and a Map Run's children listed as the executions listing lists
/// executions — the table and the JSON — from a canned ListExecutions answer on loopback.
@Suite struct MapRunCLITests {
    static let run = "arn:aws:states:us-east-1:123456789012:mapRun:Fulfil/ShipItems:0b1c"

    static func config(_ state: TemporaryDirectory, endpoint: String) throws -> String {
        try state.write(
            "config.toml",
            """
            [stacks.maps]
            region = "us-east-1"
            endpoint_url = "\(endpoint)"
            table = "ORDER"
            state_machines = ["arn:aws:states:us-east-1:123456789012:stateMachine:Fulfil"]
            """)
    }

    @Test func whatIsNotAMapRunOrDoesNotGoWithItIsRefusedWith64() async throws {
        let state = try TemporaryDirectory("maprun-usage")
        defer { state.remove() }
        let cli = InProcessCLI(state)
        let config = try Self.config(state, endpoint: "http://127.0.0.1:9")
        let execution = "arn:aws:states:us-east-1:123456789012:execution:Fulfil:order-9"
        let notARun = await cli.run(["executions", "--map-run", execution, "--config", config])
        #expect(notARun.status == 64)
        #expect(notARun.stderr.hasPrefix("orderdeck: --map-run takes a Map Run ARN"), "\(notARun.stderr)")
        #expect(notARun.stderr.contains("history EXECUTION --map-run lists them"))
        let withMachine = await cli.run([
            "executions", "--map-run", Self.run, "--machine", "Fulfil", "--config", config,
        ])
        #expect(withMachine.status == 64)
        #expect(withMachine.stderr.contains("--map-run lists a Map Run's child executions: give no --machine"))
        let withEvents = await cli.run(["history", execution, "--map-run", "--events", "--config", config])
        #expect(withEvents.status == 64)
        #expect(withEvents.stderr.contains("--map-run lists Map Runs: give no --events or --drill"))
        // An Express execution runs no distributed Map: said, nothing asked.
        let express = await cli.run([
            "history", "arn:aws:states:us-east-1:123456789012:express:Fulfil:run-1:abc", "--map-run", "--config",
            config,
        ])
        #expect(express.status == 64)
        #expect(express.stderr.contains("a distributed Map (and so a Map Run) runs only in a Standard workflow"))
    }

    @Test func aRunsChildrenAreTheExecutionsListingsRowsAndJSON() async throws {
        let child = { (name: String, status: String, start: Int) in
            #"{"executionArn":"arn:aws:states:us-east-1:123456789012:execution:Fulfil/ShipItems:\#(name)","stateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:Fulfil/ShipItems","name":"\#(name)","status":"\#(status)","startDate":\#(start),"stopDate":\#(start + 3),"mapRunArn":"\#(Self.run)","itemCount":10}"#
        }
        let stepFunctions = try CLIContractTests.aws(
            #"{"executions":[\#(child("c-2", "FAILED", 1_790_000_020)),\#(child("c-1", "SUCCEEDED", 1_790_000_010))]}"#)
        defer { stepFunctions.stop() }
        let state = try TemporaryDirectory("maprun-children")
        defer { state.remove() }
        let cli = InProcessCLI(state)
        let config = try Self.config(state, endpoint: stepFunctions.url)
        let table = await cli.run(["executions", "--map-run", Self.run, "--config", config])
        #expect(table.status == 0, "\(table.stderr)")
        let lines = table.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("MACHINE") == true)
        #expect(
            lines.dropFirst().map { $0.split(separator: " ").prefix(3).joined(separator: " ") } == [
                "Fulfil/ShipItems c-2 FAILED", "Fulfil/ShipItems c-1 SUCCEEDED",
            ])
        let json = await cli.run(["executions", "--map-run", Self.run, "--config", config, "--output", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["name"] as? String } == ["c-2", "c-1"])
        #expect(rows.map { $0["stateMachine"] as? String } == ["Fulfil/ShipItems", "Fulfil/ShipItems"])
        #expect(rows.first?["status"] as? String == "FAILED" && rows.first?["source"] as? String == "api")
        #expect(
            rows.first?["executionArn"] as? String
                == "arn:aws:states:us-east-1:123456789012:execution:Fulfil/ShipItems:c-2")
    }
}
