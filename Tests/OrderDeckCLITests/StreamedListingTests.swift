import AWSClient
import AWSServices
import Foundation
import TestSupport
import Testing

/// `orders --limit 0` streams page by page (issue 16): the bytes of every record are the ones the
/// previous, hold-everything-then-print version wrote for the same data.
@Suite(.serialized) struct StreamedListingTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// Odd items (38-digit and exponent numbers, amounts as text, escapes, control characters,
    /// emoji, sets, binaries, NULL, deep nesting, epoch and microsecond dates, missing fields,
    /// ties on createdAt) in a table shaped like ORDER (most of them lack `createdDay`, so the
    /// recent-orders index would not even see them: only a scan lists them all).
    static func oddTable() async throws -> (TemporaryDirectory, CLIRunner, String) {
        let moto = try await MotoFixture.shared.instance(.plain)
        let dynamo = DynamoDBClient(client: TestAWS.client(endpoint: moto.endpoint))
        let table = "ODD_\(UUID().uuidString.prefix(6))"
        _ = try await dynamo.createTable(OrderTableSchema.createTableInput(table))
        let items = try JSONDecoder().decode(
            [DynamoItem].self, from: Data(contentsOf: fixtures.appendingPathComponent("odd-orders.json")))
        try await dynamo.batchPut(table: table, items: items)
        let state = try TemporaryDirectory("streamed")
        let config = try state.write(
            "config.toml",
            """
            [stacks.odd]
            region = "us-east-1"
            endpoint_url = "\(moto.endpoint)"
            table = "\(table)"
            state_machines = ["OrderWorkflow"]
            """)
        return (state, FaultInjectionTests.runner(state, attempts: 2), config)
    }

    @Test func streamedJSONEqualsThePreviousOutputOnTheSameData() async throws {
        let (state, cli, config) = try await Self.oddTable()
        defer { state.remove() }
        // Written by the version before streaming (commit ed9bb30, `orders --limit 0 --output json`
        // on this fixture): it read the whole table, sorted newest first, then printed.
        let previous = try String(
            contentsOf: Self.fixtures.appendingPathComponent("odd-orders.previous.json"), encoding: .utf8)

        // The same listing sorted in memory: byte for byte the previous output.
        let sorted = try await cli.run([
            "orders", "--limit", "0", "--sort", "created", "--output", "json", "--config", config,
        ])
        #expect(sorted.status == 0, "\(sorted.stderr)")
        #expect(sorted.stdout == previous)

        // Streamed (no sort asked for): the one documented difference is the order —
        // the table's, said on standard error. Every record's bytes are the previous ones.
        let streamed = try await cli.run(["orders", "--limit", "0", "--output", "json", "--config", config])
        #expect(streamed.status == 0, "\(streamed.stderr)")
        #expect(streamed.stderr.contains("in table order; --sort created sorts them in memory"))
        #expect(
            streamed.stderr.hasSuffix("sorts them in memory)\n"), "the note comes after the listing: \(streamed.stderr)"
        )
        let before = try #require(try JSONValue.parse(previous).arrayValues).map(\.description)
        let now = try #require(try JSONValue.parse(streamed.stdout).arrayValues).map(\.description)
        #expect(before.count == 40)
        #expect(now.sorted() == before.sorted())
        #expect(streamed.stdout.hasPrefix("[{") && streamed.stdout.hasSuffix("}]\n"))

        // The streamed table holds the same rows as the sorted one.
        let table = try await cli.run(["orders", "--limit", "0", "--config", config])
        let sortedTable = try await cli.run(["orders", "--limit", "0", "--sort", "created", "--config", config])
        let lines = table.stdout.split(separator: "\n")
        #expect(lines.count == 41)
        #expect(lines.first == sortedTable.stdout.split(separator: "\n").first)
        #expect(Set(lines) == Set(sortedTable.stdout.split(separator: "\n")))

        // An empty listing is still one JSON array.
        let none = try await cli.run([
            "orders", "--limit", "0", "--user", "nobody", "--output", "json", "--config", config,
        ])
        #expect(none.stdout == "[]\n", "\(none.stderr)")
    }
}
