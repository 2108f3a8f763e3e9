import AWSClient
import AWSServices
import Foundation
import TestSupport
import Testing

/// StartLiveTail signed (moto checks the signature) and streamed through the real
/// AsyncHTTPTransport on loopback: moto 5.2.5 answers one batch of the group's lines and closes.
@Suite struct LiveTailAgainstMotoTests {
    @Test func aSessionOnAGroupReturnsItsLines() async throws {
        let moto = try await MotoFixture.shared.instance(.signatureChecking)
        let logs = CloudWatchLogsClient(client: TestAWS.client(endpoint: moto.endpoint, credentials: moto.credentials))
        let group = "/orderdeck/live-tail-\(UUID().uuidString.prefix(8))"
        try await logs.createLogGroup(group)
        try await logs.createLogStream(group: group, stream: "s1")
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        _ = try await logs.putLogEvents(
            group: group, stream: "s1",
            events: [.init(timestamp: now - 2000, message: "first"), .init(timestamp: now - 1000, message: "second é")])
        let found = try await logs.describeLogGroups(prefix: group).collect().flatMap { $0 }
        let arn = try #require(found.first { $0.logGroupName == group }?.logGroupArn)
        #expect(!arn.hasSuffix(":*"))

        var events: [CloudWatchLogs.LiveTailEvent] = []
        for try await event in try await logs.startLiveTail(.init(logGroupIdentifiers: [arn])) {
            events.append(event)
        }
        guard case .sessionStart(let start) = events.first else {
            Issue.record("no sessionStart first: \(events)")
            return
        }
        #expect(start.logGroupIdentifiers == [arn])
        let updates = events.compactMap { event -> CloudWatchLogs.LiveTailSessionUpdate? in
            if case .sessionUpdate(let update) = event { return update }
            return nil
        }
        #expect(updates.count == 1)
        let lines = updates.flatMap { $0.sessionResults ?? [] }
        #expect(lines.map(\.message) == ["first", "second é"])
        #expect(lines.allSatisfy { $0.logGroupIdentifier == arn && $0.logStreamName == "s1" })
        #expect(lines.map(\.timestamp) == [now - 2000, now - 1000])
        #expect(updates.first?.sessionMetadata?.sampled == false)
    }
}
