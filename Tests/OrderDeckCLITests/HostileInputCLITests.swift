import Foundation
import OrderDeckCore
import TerminalUI
import TestSupport
import Testing

/// Issue 31, through the real binary: a torn journal never swallows the next record, an
/// unreadable journal says why, nothing OrderDeck prints on stderr carries a raw escape or a known
/// secret, an order id that cannot name an execution is refused, a re-send follows the stack to its
/// new address, tables line up in display cells, and a broken default configuration is named.
@Suite(.serialized) struct HostileInputCLITests {
    static let submitted = LoopbackResponder.http(
        status: 200, reason: "OK",
        body:
            #"{"status":"webhook submitted","executionArn":"arn:aws:states:us-east-1:123456789012:execution:OrderWorkflow:x"}"#
    )

    /// A state folder, a runner with test keys, and a stack whose API is `apiURL`.
    static func setUp(_ label: String, apiURL: String) throws -> (TemporaryDirectory, CLIRunner, String) {
        let state = try TemporaryDirectory(label)
        let config = try state.write(
            "config.toml",
            """
            [stacks.hostile]
            region = "us-east-1"
            endpoint_url = "http://127.0.0.1:9"
            table = "ORDER"
            state_machines = ["OrderWorkflow"]

            [stacks.hostile.api]
            url = "\(apiURL)/main/orders"
            """)
        let cli = CLIRunner(
            stateDirectory: state.path,
            extraEnvironment: [
                "AWS_ACCESS_KEY_ID": "AKIAHOSTILE", "AWS_SECRET_ACCESS_KEY": "hostile-secret-key-0123456789",
                "AWS_CONFIG_FILE": state.path + "/none", "AWS_SHARED_CREDENTIALS_FILE": state.path + "/none",
                "AWS_MAX_ATTEMPTS": "1", "HOME": state.path, "XDG_CONFIG_HOME": state.path + "/xdg",
            ])
        return (state, cli, config)
    }

    static func journalLine(_ submission: Submission) throws -> String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(submission), as: UTF8.self)
    }

    @Test func aTornLastLineNeverSwallowsTheNextRecordEvenWhenTheSenderIsKilled() async throws {
        let hanging = try LoopbackResponder(response: nil)
        defer { hanging.stop() }
        let (state, cli, config) = try Self.setUp("torn", apiURL: hanging.url)
        defer { state.remove() }
        let journal = state.path + "/submissions.jsonl"
        let earlier = Submission(
            id: "11111111-aaaa", orderId: "order-before", stack: "hostile", url: hanging.url, body: "{}",
            createdAt: Date(), state: .answered, attempts: 1, status: 200)
        // A crash mid-write: the last record stops half way, with no newline.
        try state.write("submissions.jsonl", try Self.journalLine(earlier) + "\n" + #"{"id":"22222222","orderId":"tor"#)
        let running = try cli.start(
            ["submit", "--config", config, "--data", #"{"id":"order-after-tear","user_id":"u1"}"#])
        // Watched from a thread of its own, not the test pool: the kill must come while the send
        // hangs (the gateway call gives up after 29 s), even when other suites keep the pool's two
        // threads busy — a CI run starved this loop past that and saw the send fail instead.
        let journaled = await withCheckedContinuation { (done: CheckedContinuation<Bool, Never>) in
            Thread.detachNewThread {
                for _ in 0..<400 {
                    if (try? String(contentsOfFile: journal, encoding: .utf8))?.contains("order-after-tear") == true {
                        running.kill()  // mid-flight: the gateway never answered
                        return done.resume(returning: true)
                    }
                    Thread.sleep(forTimeInterval: 0.025)
                }
                running.kill()
                done.resume(returning: false)
            }
        }
        #expect(journaled)
        let listed = try await cli.run(["submissions", "--config", config])
        #expect(listed.status == 0)
        let row = listed.stdout.split(separator: "\n").first { $0.contains("order-after-tear") }
        #expect(row?.contains("unknown outcome") == true, "\(listed.stdout)")
        #expect(listed.stdout.contains("order-before"))
        #expect(listed.stderr.contains("unreadable journal line skipped"))
    }

    @Test func aJournalThatCannotBeReadSaysWhyAndFails() async throws {
        let (state, cli, config) = try Self.setUp("journal-dir", apiURL: "http://127.0.0.1:9")
        defer { state.remove() }
        try FileManager.default.createDirectory(
            atPath: state.path + "/submissions.jsonl", withIntermediateDirectories: true)
        let listed = try await cli.run(["submissions", "--config", config])
        #expect(listed.status != 0)
        #expect(
            listed.stderr.contains("cannot read the journal") && listed.stderr.contains("a directory"),
            "\(listed.stderr)")
    }

    @Test func aResendIsEscapedOnStderrAndGoesToTheStacksCurrentEndpoint() async throws {
        let gateway = try LoopbackResponder(response: Self.submitted)
        defer { gateway.stop() }
        let (state, cli, config) = try Self.setUp("resend", apiURL: gateway.url)
        defer { state.remove() }
        let evil = "evil\u{1B}]2;pwned\u{07}\u{1B}[2J"
        let old = Submission(
            id: "abcd1234-0000", orderId: evil, stack: "hostile", url: "http://127.0.0.1:9/main/orders",
            body: #"{"id":"evil"}"#, createdAt: Date(), state: .failed, attempts: 1, error: "connection refused")
        try state.write("submissions.jsonl", try Self.journalLine(old) + "\n")
        let resent = try await cli.run(["submissions", "--resend", "abcd1234", "--config", config])
        #expect(resent.status == 0, "\(resent.stderr)")
        #expect(!resent.stderr.utf8.contains(0x1B) && !resent.stdout.utf8.contains(0x1B))
        #expect(resent.stderr.contains(#"evil\u{1b}]2;pwned"#), "\(resent.stderr)")
        #expect(resent.stderr.contains("endpoint changed") && resent.stderr.contains(gateway.url), "\(resent.stderr)")
    }

    @Test func anOrderIdThatCannotNameAnExecutionIsRefusedBeforeAnythingIsSent() async throws {
        let (state, cli, config) = try Self.setUp("bad-id", apiURL: "http://127.0.0.1:9")
        defer { state.remove() }
        for id in ["has space", "tab\there", "slash/id", String(repeating: "x", count: 81)] {
            let data = try String(
                decoding: JSONSerialization.data(withJSONObject: ["id": id, "user_id": "u"]), as: UTF8.self)
            let result = try await cli.run(["submit", "--config", config, "--data", data])
            #expect(result.status == 64, "\(id): \(result.stderr)")
            #expect(result.stderr.contains("cannot be an execution name"), "\(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: state.path + "/submissions.jsonl"))
    }

    /// Found by a new operator: an order without `user_id` was sent, and its execution failed in
    /// the workflow's first state. The table's key is checked before anything is journaled.
    @Test func anOrderWithoutTheTablesKeyIsRefusedBeforeAnythingIsSent() async throws {
        let (state, cli, config) = try Self.setUp("no-user", apiURL: "http://127.0.0.1:9")
        defer { state.remove() }
        for (data, says) in [
            (#"{"id":"o-1","amount":5}"#, #"has no "user_id""#), (#"{"id":"o-2","user_id":""}"#, "non-empty string"),
            (#"{"id":"o-3","user_id":42}"#, "non-empty string"),
        ] {
            let result = try await cli.run(["submit", "--config", config, "--data", data])
            #expect(result.status == 64, "\(data): \(result.stderr)")
            #expect(result.stderr.contains(says), "\(data): \(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: state.path + "/submissions.jsonl"))
    }

    @Test func tablesLineUpInDisplayCells() async throws {
        let (state, cli, config) = try Self.setUp("cjk", apiURL: "http://127.0.0.1:9")
        defer { state.remove() }
        let lines = try ["注文-😀", "plain-order-id"].enumerated().map { index, orderId in
            try Self.journalLine(
                Submission(
                    id: "0000000\(index)-cjk", orderId: orderId, stack: "hostile", url: "http://127.0.0.1:9",
                    body: "{}", createdAt: Date(timeIntervalSince1970: 1_790_000_000), state: .answered, attempts: 1,
                    status: 200))
        }
        try state.write("submissions.jsonl", lines.joined(separator: "\n") + "\n")
        let listed = try await cli.run(["submissions", "--config", config])
        let rows = listed.stdout.split(separator: "\n").map(String.init)
        // The SENT column starts at the same display column on every row, header included.
        let starts = rows.map { row -> Int in
            let marker = row.hasPrefix("SUBMISSION") ? "SENT" : "2026-"
            guard let range = row.range(of: marker) else { return -1 }
            return DisplayWidth.of(String(row[..<range.lowerBound]))
        }
        #expect(rows.count == 3 && Set(starts).count == 1 && starts[0] > 0, "\(listed.stdout)")
    }

    @Test func secretsInErrorBodiesAndCredentialProcessOutputAreRedacted() async throws {
        let token = "IQoJb3JpZ2luX2VjEKnownSessionToken0123456789"
        let echo = try LoopbackResponder(
            response: LoopbackResponder.http(
                status: 400, reason: "Bad Request",
                body:
                    #"{"__type":"com.amazon.coral.service#UnrecognizedClientException","message":"The security token included in the request is invalid: \#(token)"}"#
            ))
        defer { echo.stop() }
        let state = try TemporaryDirectory("redact")
        defer { state.remove() }
        try state.write(
            "credentials",
            "[echo]\naws_access_key_id = AKIAECHO\naws_secret_access_key = echo-secret-0123456789\naws_session_token = \(token)\n"
        )
        try state.write(
            "aws-config",
            "[profile leaky]\ncredential_process = sh -c 'echo \"{\\\"SessionToken\\\": \\\"FwoGZXIvYXdzLeakedToken987\\\"}\" >&2; exit 3'\n"
        )
        for (profile, endpoint, secret) in [
            ("echo", echo.url, token), ("leaky", "http://127.0.0.1:9", "FwoGZXIvYXdzLeakedToken987"),
        ] {
            let config = try state.write(
                "config-\(profile).toml",
                "[stacks.s]\nregion = \"us-east-1\"\nendpoint_url = \"\(endpoint)\"\nprofile = \"\(profile)\"\ntable = \"ORDER\"\nstate_machines = [\"OrderWorkflow\"]\n"
            )
            let cli = CLIRunner(
                stateDirectory: state.path,
                extraEnvironment: [
                    "AWS_CONFIG_FILE": state.path + "/aws-config",
                    "AWS_SHARED_CREDENTIALS_FILE": state.path + "/credentials",
                    "AWS_MAX_ATTEMPTS": "1", "AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": "",
                ])
            let result = try await cli.run(["orders", "--config", config])
            #expect(result.status != 0)
            #expect(!result.stderr.contains(secret), "\(profile): \(result.stderr)")
            #expect(result.stderr.contains("‹redacted›"), "\(profile): \(result.stderr)")
        }
    }

    @Test func aDefaultConfigurationThatCannotBeReadIsNamedNotIgnored() async throws {
        let (state, cli, _) = try Self.setUp("default-config", apiURL: "http://127.0.0.1:9")
        defer { state.remove() }
        let path = state.path + "/xdg/orderdeck/config.toml"
        try FileManager.default.createDirectory(
            atPath: state.path + "/xdg/orderdeck", withIntermediateDirectories: true)
        let cases: [(String, () throws -> Void)] = [
            (
                "a directory",
                { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
            ),
            (
                "does not exist",
                { try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: state.path + "/gone") }
            ),
            ("a FIFO", { _ = mkfifo(path, 0o600) }),
            (
                "a device",
                { try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "/dev/zero") }
            ),
        ]
        for (reason, make) in cases {
            try? FileManager.default.removeItem(atPath: path)
            try make()
            let result = try await cli.run(["orders"])
            #expect(result.status == 78, "\(reason): \(result.stderr)")
            #expect(
                result.stderr.contains("cannot read the configuration file \(path)") && result.stderr.contains(reason),
                "\(result.stderr)")
        }
    }
}
