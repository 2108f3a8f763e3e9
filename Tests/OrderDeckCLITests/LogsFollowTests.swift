import AWSClient
import AWSServices
import Foundation
import LocalStack
import TestSupport
import Testing

/// `orderdeck logs --follow` over 2,000 events written while it runs: each printed exactly once,
/// in time order per execution. The binary reads its stack from a config file (the documented path)
/// pointing at the test moto.
@Suite struct LogsFollowTests {
    @Test func followPrintsEveryEventExactlyOnceInOrder() async throws {
        let moto = try await MotoFixture.shared.instance(.executing)
        let client = TestAWS.client(endpoint: moto.endpoint)
        let logs = CloudWatchLogsClient(client: client)
        let group = "/aws/vendedlogs/states/follow-\(UUID().uuidString.prefix(6))"
        try await logs.createLogGroup(group)
        // A Standard machine whose logging goes to the group (the CLI resolves machines first).
        let role = try await IAMClient(client: client).createRole(name: "follow-role", assumeRolePolicy: "{}")
        let machineName = "follow-\(UUID().uuidString.prefix(6))"
        _ = try await StepFunctionsClient(client: client).createStateMachine(
            .init(
                name: machineName, definition: #"{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}"#,
                roleArn: role.arn,
                type: "STANDARD",
                loggingConfiguration: .init(
                    level: "ALL", includeExecutionData: true,
                    logGroupArns: ["arn:aws:logs:us-east-1:123456789012:log-group:\(group):*"])))

        let state = try TemporaryDirectory("follow")
        defer { state.remove() }
        let config = try state.write(
            "config.toml",
            """
            [stacks.test]
            region = "us-east-1"
            endpoint_url = "\(moto.endpoint)"
            state_machines = ["\(machineName)"]
            log_groups = ["\(group)"]
            """)
        let cli = CLIRunner(
            stateDirectory: state.path,
            extraEnvironment: [
                "AWS_ACCESS_KEY_ID": "AKIAFOLLOW", "AWS_SECRET_ACCESS_KEY": "follow-secret",
                "AWS_CONFIG_FILE": state.path + "/none",
            ])
        let follower = try cli.start(["logs", "--follow", "--since", "1m", "--output", "json", "--config", config])
        defer { follower.stop() }
        try await Task.sleep(for: .seconds(1))

        // 2,000 events: 100 executions × 20 events, over 8 streams, written in 100 batches while
        // the follower polls; every fourth batch arrives 2 s late (its timestamps 2 s before it is
        // written — taken at write time, so a machine slowed by the rest of the suite does not
        // turn "2 s late" into "later than any follower's overlap").
        let total = 2000
        func batch(_ execution: Int, base: Int64) -> (String, [CloudWatchLogs.InputLogEvent]) {
            let arn = "arn:aws:states:us-east-1:123456789012:execution:\(machineName):e\(execution)"
            let events = (1...20).map { event -> CloudWatchLogs.InputLogEvent in
                let timestamp = base + Int64(event)
                let message =
                    #"{"id":"\#(event)","type":"PassStateEntered","details":{"name":"A"},"previous_event_id":"\#(event - 1)","event_timestamp":"\#(timestamp)","execution_arn":"\#(arn)","redrive_count":"0"}"#
                return .init(timestamp: timestamp, message: message)
            }
            return ("s\(execution % 8)", events)
        }
        func nowMilliseconds() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }
        for stream in 0..<8 { try await logs.createLogStream(group: group, stream: "s\(stream)") }
        for execution in 0..<100 where execution % 4 != 3 {
            let (stream, events) = batch(execution, base: nowMilliseconds())
            _ = try await logs.putLogEvents(group: group, stream: stream, events: events)
            try await Task.sleep(for: .milliseconds(30))
        }
        try await Task.sleep(for: .seconds(2))
        for execution in 0..<100 where execution % 4 == 3 {
            let (stream, events) = batch(execution, base: nowMilliseconds() - 2000)
            _ = try await logs.putLogEvents(group: group, stream: stream, events: events)
        }

        let lines = try #require(
            try await Waiting.until(.seconds(60), every: .milliseconds(250)) {
                let lines = follower.lines()
                return lines.count >= total ? lines : nil
            }, "got \(follower.lines().count) of \(total) lines; stderr: \(follower.errorText())")
        try await Task.sleep(for: .seconds(2))  // nothing more may come (duplicates would)
        let final = follower.lines()
        #expect(final.count == total, "printed \(final.count) lines for \(total) events")
        var perExecution: [String: [Int]] = [:]
        var ids = Set<String>()
        for line in final {
            let value = try JSONValue.parse(line)
            ids.insert(try #require(value["eventId"]?.stringValue))
            perExecution[try #require(value["executionArn"]?.stringValue), default: []].append(
                Int(try #require(value["id"]?.description))!)
        }
        #expect(ids.count == total)
        #expect(perExecution.count == 100)
        #expect(perExecution.values.allSatisfy { $0 == Array(1...20) })
        // moto answers StartLiveTail once and closes: the follower says so, and polled the rest.
        #expect(
            follower.errorText().contains(
                "orderdeck: following by polling: this endpoint does not stream Live Tail"),
            "stderr: \(follower.errorText())")
        _ = lines
        print(
            "logs --follow: \(total) events written, \(final.count) printed, \(total - ids.count) duplicates, 0 missing"
        )
    }
}
