import AWSClient
import AWSServices
import Foundation
import OrderDeckCore
import TestSupport
import Testing

/// The tail against moto on loopback, through the real transport: moto answers StartLiveTail
/// with one batch and closes, so the tail says this engine does not stream and polls from then on
/// — and the lines written before and after the switch come out once each, none missing.
@Suite struct LiveTailSwitchAgainstMotoTests {
    static func targets(_ transport: ScriptedTransport) -> [String] {
        transport.requests.compactMap { request in request.headers.first { $0.0.lowercased() == "x-amz-target" }?.1 }
    }

    @Test func theSessionsEndSwitchesToPollingWithoutRepeatsOrGaps() async throws {
        let moto = try await MotoFixture.shared.instance(.plain)
        // Passes everything to the real AsyncHTTPTransport; kept for the list of calls made.
        let transport = ScriptedTransport { _, _ in nil }
        let logs = CloudWatchLogsClient(client: TestAWS.client(endpoint: moto.endpoint, transport: transport))
        let group = "/orderdeck/live-switch-\(UUID().uuidString.prefix(8))"
        try await logs.createLogGroup(group)
        try await logs.createLogStream(group: group, stream: "s1")
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        _ = try await logs.putLogEvents(
            group: group, stream: "s1",
            events: [
                .init(timestamp: now - 3_600_000, message: "before --since"),
                .init(timestamp: now - 2000, message: "A1"), .init(timestamp: now - 1000, message: "A2"),
            ])
        let tail = LogTail(
            reader: LogReader(logs: logs, budget: RateBudget(ratePerSecond: 100, burst: 100)), groups: [group],
            since: Date(timeIntervalSince1970: Double(now - 60_000) / 1000), liveTail: true)
        var lines = try await tail.poll().map(\.message)
        await tail.waitForLiveSession()
        #expect(
            await tail.mode
                == .polling(
                    reason: "this endpoint does not stream Live Tail (the session ended after its first answer)"))
        // Written after the switch: the polling picks them up, A1/A2 (in moto's batch and polled)
        // once each.
        _ = try await logs.putLogEvents(
            group: group, stream: "s1",
            events: [.init(timestamp: now + 1000, message: "B1"), .init(timestamp: now + 2000, message: "B2")])
        lines += try await tail.poll().map(\.message)
        lines += try await tail.poll().map(\.message)
        #expect(lines == ["A1", "A2", "B1", "B2"])
        let calls = Self.targets(transport)
        #expect(calls.filter { $0 == "Logs_20140328.StartLiveTail" }.count == 1)
        #expect(calls.contains("Logs_20140328.FilterLogEvents"))
    }
}
