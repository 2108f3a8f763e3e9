import AWSClient
import Foundation
import LocalStack
import TestSupport
import Testing

/// `orderdeck diff` (issue 29): two executions side by side; exit 0 when the same, 1 when not,
/// 2 when they could not be compared, as diff(1). From saved histories in-process; against orders run on the local stack (moto).
@Suite(.serialized) struct DiffCommandTests {
    /// Lines of the shared recorded histories, by test family and snapshot key.
    static func recorded(_ test: String, _ key: String) throws -> String {
        let text = try String(contentsOf: SharedFixtures.recordedHistories, encoding: .utf8)
        let line = text.split(separator: "\n").first { line in
            line.contains("::\(test)\"") && line.contains(#""snapshot_key": "\#(key)""#)
        }
        return try String(#require(line, "\(test) \(key)"))
    }

    /// The two recorded runs of one machine that took different paths, saved as files in `state`.
    static func writeTwoPaths(in state: TemporaryDirectory) throws -> (first: String, second: String) {
        (
            try state.write("first.json", try recorded("test_path_based_on_data", "first_path__execution_history")),
            try state.write("second.json", try recorded("test_path_based_on_data", "second_path__execution_history"))
        )
    }

    @Test func savedHistoriesAreComparedWithoutTheAccount() async throws {
        let state = try TemporaryDirectory("diff-files")
        defer { state.remove() }
        let cli = InProcessCLI(state)
        let (first, second) = try Self.writeTwoPaths(in: state)

        let same = await cli.run(["diff", "--file-a", first, "--file-b", first])
        #expect(same.status == 0, "\(same.stderr)")
        #expect(same.stdout.hasPrefix("same path and outputs\n"), "\(same.stdout)")
        #expect(same.stderr.contains("the same execution"), "\(same.stderr)")

        let parted = await cli.run(["diff", "--file-a", first, "--file-b", second])
        #expect(parted.status == 1, "\(parted.stderr)")
        #expect(parted.stderr.isEmpty)
        let lines = parted.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "paths part after Choice State: A went to NEXT_STATE_ONE, B to NEXT_STATE_TWO")
        #expect(lines.contains { $0.hasPrefix("»") && $0.contains("NEXT_STATE_ONE / NEXT_STATE_TWO") }, "\(lines)")
        #expect(lines.contains { $0.contains(#"input ~ type: "Public" → "Private""#) }, "\(lines)")

        // Both in one file (JSON lines, A then B), as JSON for a script.
        let both = try state.write(
            "both.jsonl",
            try Self.recorded("test_path_based_on_data", "first_path__execution_history") + "\n"
                + Self.recorded("test_path_based_on_data", "default_path__execution_history") + "\n")
        let json = await cli.run(["diff", "--file", both, "--output", "json"])
        #expect(json.status == 1, "\(json.stderr)")
        let object = try JSONValue.parse(json.stdout)
        #expect(object["same"] == .bool(false))
        #expect(object["divergence"]?["after"] == .string("Choice State"))
        #expect(object["divergence"]?["b"] == .string("DEFAULT_STATE"))
        #expect(object["a"]?["status"] == .string("SUCCEEDED"))

        // Usage: two executions, no more, no fewer; a file with the wrong number of histories.
        // Bad usage is diff(1)'s trouble: 2, never 64.
        #expect(await cli.run(["diff", "--file-a", first]).status == 2)
        #expect(await cli.run(["diff", "a", "b", "c", "--stack", "nope"]).status == 2)
        #expect(await cli.run(["diff", "--file", both, "--file-a", first]).status == 2)
        let one = await cli.run(["diff", "--file", first])
        #expect(one.status == 2 && one.stderr.contains("--file takes two"), "\(one.stderr)")
        #expect(await cli.run(["diff", "--file-a", state.path + "/missing.json", "--file-b", first]).status == 2)
    }

    /// Found by a new operator: exit 1 said both "they differ" and "a call failed", so a script
    /// could not tell a difference from an outage. As diff(1): 0 the same, 1 different, 2 trouble.
    @Test func exitStatusesAreDiffs() async throws {
        let (state, _, config) = try CLIContractTests.setUp("diff-status")
        defer { state.remove() }
        let cli = InProcessCLI(state)
        let (first, second) = try Self.writeTwoPaths(in: state)
        #expect(await cli.run(["diff", "--file-a", first, "--file-b", first]).status == 0)
        #expect(await cli.run(["diff", "--file-a", first, "--file-b", second]).status == 1)
        // An AWS call that fails (nothing listens on the configured endpoint): trouble, said once.
        let unreachable = await cli.run(["diff", "order-1", "order-2", "--config", config])
        #expect(unreachable.status == 2, "\(unreachable.status): \(unreachable.stderr)")
        #expect(unreachable.stderr.hasPrefix("orderdeck: ") && unreachable.stdout.isEmpty, "\(unreachable.stderr)")
        // Bad arguments, whether the parser or the command finds them; a missing configuration.
        for arguments in [
            ["diff", "--bogus"], ["diff", "--file-a", first, "--file-b", second, "--output", "yaml"],
            ["diff", "--file-a", "-", "--file-b", "-"], ["--profile", "nope", "diff", "a", "b"],
            ["diff", "a", "b", "--config", state.path + "/none.toml"],
        ] {
            let result = await cli.run(arguments)
            #expect(result.status == 2, "\(arguments): \(result.status) \(result.stderr)")
            #expect(!result.stderr.isEmpty, "\(arguments)")
        }
        // `--help` is no trouble; other commands keep their own statuses.
        #expect(await cli.run(["diff", "--help"]).status == 0)
        #expect(await cli.run(["history", "--bogus"]).status == 64)
    }

    /// Found by a new operator: `diff X X` compared one execution with itself without a word.
    /// It says so on stderr, in one line, and exits 0; two histories saved without ARNs are two
    /// executions unless they are the same place in the same file.
    @Test func oneExecutionNamedTwiceIsSaid() async throws {
        let state = try TemporaryDirectory("diff-itself")
        defer { state.remove() }
        let cli = InProcessCLI(state)
        let line = try Self.recorded("test_path_based_on_data", "first_path__execution_history")
        let first = try state.write("first.json", line)
        let twice = await cli.run(["diff", "--file-a", first, "--file-b", first])
        #expect(twice.status == 0, "\(twice.stderr)")
        #expect(twice.stdout.hasPrefix("same path and outputs\n"), "\(twice.stdout)")
        let said = twice.stderr.split(separator: "\n")
        #expect(said.count == 1 && said[0].hasPrefix("orderdeck: A and B are the same execution ("), "\(twice.stderr)")

        // The same recording in another file still names its ARN: the same execution.
        let copy = try state.write("copy.json", line)
        #expect(await cli.run(["diff", "--file-a", first, "--file-b", copy]).stderr.contains("same execution"))

        // Saved without an ARN: one file named twice is one execution; two files (or two lines
        // of one) are two, the same or not, and nothing is said.
        var object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        object["execution_arn"] = nil
        let bare = String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        let unnamed = try state.write("unnamed.json", bare)
        let other = try state.write("other.json", bare)
        let both = try state.write("both.jsonl", bare + "\n" + bare + "\n")
        let itself = await cli.run(["diff", "--file-a", unnamed, "--file-b", state.path + "/./unnamed.json"])
        #expect(itself.status == 0 && itself.stderr.contains("same execution"), "\(itself.stderr)")
        for arguments in [["--file-a", unnamed, "--file-b", other], ["--file", both]] {
            let result = await cli.run(["diff"] + arguments)
            #expect(result.status == 0 && result.stderr.isEmpty, "\(arguments): \(result.stderr)")
        }
    }

    @Test func ordersOnTheLocalStackPartWhereTheirPathsDo() async throws {
        let running = try await LocalStackHarness.shared.start("diff")
        let state = try TemporaryDirectory("diff-stack")
        defer { state.remove() }
        let (cli, config) = try CLIMatchesMotoTests().cli(running, state)
        let prefix = "df-\(UUID().uuidString.prefix(6).lowercased())"
        func body(_ id: String, _ skus: [String]) -> String {
            let items = skus.map { #"{"sku":"\#($0)","quantity":1,"unitPrice":5}"# }.joined(separator: ",")
            return
                #"{"id":"\#(id)","user_id":"diff","customer":{"email":"d@example.com"},"items":[\#(items)],"amount":10,"currency":"EUR"}"#
        }
        // Payment passes about three times in four: orders until two completed and one declined
        // (the declined comparison is skipped when moto's rolls all pass; the discontinued item
        // below parts deterministically).
        var completed: [String] = []
        var declined: String?
        for attempt in 0..<12 where completed.count < 2 || declined == nil {
            let id = "\(prefix)-\(attempt)"
            let result = try await cli.run(["submit", "--config", config, "--wait", "--data", body(id, ["MUG-001"])])
            #expect(result.status == 0 || result.status == 2, "\(result.stderr)")
            if result.status == 0 {
                completed.append(id)
            } else if result.stderr.contains("PaymentFailed") {
                declined = id
            }
        }
        try #require(completed.count >= 2, "fewer than two orders completed in 12")
        let discontinued = "\(prefix)-d"
        let failed = try await cli.run([
            "submit", "--config", config, "--wait", "--data", body(discontinued, ["MUG-001", "DISCONTINUED-001"]),
        ])
        #expect(failed.status == 2, "\(failed.stderr)")

        // One execution by its order id and by its ARN: the same, exit 0.
        let arn = try #require(
            try JSONValue.parse(
                try await cli.run(["history", completed[0], "--output", "json", "--config", config]).stdout
            )["execution"]?["executionArn"]?.stringValue)
        let itself = try await cli.run(["diff", completed[0], arn, "--config", config])
        #expect(itself.status == 0, "\(itself.stdout)\(itself.stderr)")
        #expect(itself.stdout.hasPrefix("same path and outputs\n"), "\(itself.stdout)")
        #expect(itself.stderr.contains("A and B are the same execution"), "\(itself.stderr)")

        // Two completed orders: the same path; the order ids (their executions' names), ARNs and
        // times are not differences — only the payment's random roll and reason can be.
        let two = try await cli.run(["diff", completed[0], completed[1], "--output", "json", "--config", config])
        let pair = try JSONValue.parse(two.stdout)
        #expect(pair["divergence"] == .null, "\(two.stdout)")
        #expect(pair["summary"]?.stringValue?.hasPrefix("same path") == true, "\(two.stdout)")
        let volatile = Self.strings(pair["volatileFields"])
        #expect(volatile.contains("Item.id.S") || volatile.contains("id"), "\(volatile)")
        // What a state changed itself (not what its input carried): only the payment's roll.
        let differing = Self.rows(pair).filter { row in
            let carried = Self.array(row["inputChanges"])
            return Self.array(row["outputChanges"]).contains { $0["volatile"] == .bool(false) && !carried.contains($0) }
        }
        let differingNames = Set(differing.compactMap { $0["name"]?.stringValue })
        #expect(differingNames.isSubset(of: ["ProcessPayment"]), "\(two.stdout)")
        #expect(two.status == (pair["same"] == .bool(true) ? 0 : 1))
        let strict = try await cli.run(["diff", completed[0], completed[1], "--strict", "--config", config])
        #expect(strict.status == 1 && strict.stdout.hasPrefix("same path; outputs differ at"), "\(strict.stdout)")

        // A completed order and a declined one part after the payment's Choice.
        if let declined {
            let parted = try await cli.run(["diff", completed[0], declined, "--config", config])
            #expect(parted.status == 1, "\(parted.stderr)")
            #expect(
                parted.stdout.hasPrefix(
                    "paths part after PaymentApproved?: A went to CompleteOrder, B to CancelFailedOrder\n"),
                "\(parted.stdout)")
        }
        // A discontinued item: the order goes to CancelUnavailableOrder after the Map — what the
        // headline leads with — and inside the Map the extra item's iteration ran on B only.
        let unavailable = try await cli.run(["diff", completed[0], discontinued, "--config", config])
        #expect(unavailable.status == 1, "\(unavailable.stderr)")
        #expect(
            unavailable.stdout.hasPrefix(
                "paths part after ReserveStock: A went to GiftWrapRequested?, B to CancelUnavailableOrder; also"),
            "\(unavailable.stdout)")
        #expect(
            unavailable.stdout.split(separator: "\n").contains {
                $0.hasPrefix("»") && $0.contains("GiftWrapRequested? / CancelUnavailableOrder")
            }, "\(unavailable.stdout)")

        let missing = try await cli.run(["diff", completed[0], "no-such-order", "--config", config])
        #expect(missing.status == 2 && missing.stderr.contains("no execution of that name"), "\(missing.stderr)")
    }

    static func array(_ value: JSONValue?) -> [JSONValue] {
        if case .array(let elements)? = value { return elements }
        return []
    }

    static func strings(_ value: JSONValue?) -> [String] { array(value).compactMap(\.stringValue) }

    /// Every row at every depth.
    static func rows(_ diff: JSONValue) -> [JSONValue] {
        func walk(_ rows: [JSONValue]) -> [JSONValue] {
            rows.flatMap { row in [row] + array(row["groups"]).flatMap { walk(array($0["rows"])) } }
        }
        return walk(array(diff["rows"]))
    }
}
