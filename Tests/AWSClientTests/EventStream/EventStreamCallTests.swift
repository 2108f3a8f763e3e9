import AWSClient
import Foundation
import TestSupport
import Testing

/// `AWSClient.eventStream` over the scripted transport: where it sends, what it retries, and
/// how errors in the head and in the stream come out.
@Suite struct EventStreamCallTests {
    struct Input: Encodable { var logGroupIdentifiers: [String] }

    static func client(_ transport: ScriptedTransport, endpoint: String? = nil) -> AWSClient {
        AWSClient(
            region: "eu-west-1", credentials: StaticCredentialProvider(MotoFixture.testCredentials),
            endpoints: EndpointResolver(
                region: "eu-west-1", explicitURL: endpoint, environment: TestAWS.isolatedEnvironment()),
            transport: transport, retry: RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(1)),
            sleep: { _ in })
    }

    static func collect(_ stream: AsyncThrowingStream<EventStreamMessage, any Error>) async throws
        -> [EventStreamMessage]
    {
        var messages: [EventStreamMessage] = []
        for try await message in stream { messages.append(message) }
        return messages
    }

    static let body = EventStreamFrames.liveTail(
        groupArns: ["arn:aws:logs:eu-west-1:123456789012:log-group:/a"],
        updates: [EventStreamFrames.update(group: "arn:aws:logs:eu-west-1:123456789012:log-group:/a", [])])

    @Test func theModelsHostPrefixAppliesToAWSEndpointsOnly() async throws {
        let transport = ScriptedTransport { _, _ in HTTPResponse(status: 200, body: Self.body) }
        _ = try await Self.collect(
            Self.client(transport).eventStream(
                .cloudWatchLogs, "StartLiveTail", Input(logGroupIdentifiers: []), hostPrefix: "stream-",
                timeout: .seconds(60)))
        _ = try await Self.collect(
            Self.client(transport, endpoint: "http://127.0.0.1:4566").eventStream(
                .cloudWatchLogs, "StartLiveTail", Input(logGroupIdentifiers: []), hostPrefix: "stream-",
                timeout: .seconds(60)))
        #expect(
            transport.requests.map(\.origin) == [
                "https://stream-logs.eu-west-1.amazonaws.com", "http://127.0.0.1:4566",
            ])
        let first = try #require(transport.requests.first)
        #expect(first.headers.contains { $0.0.lowercased() == "x-amz-target" && $0.1 == "Logs_20140328.StartLiveTail" })
        // Signed for the prefixed host: SigV4 signs the Host header.
        #expect(
            first.headers.contains {
                $0.0 == "Authorization" && $0.1.contains("SignedHeaders=") && $0.1.contains("host")
            })
    }

    @Test func eventsComeOutInOrder() async throws {
        let transport = ScriptedTransport { _, _ in HTTPResponse(status: 200, body: Self.body) }
        let messages = try await Self.collect(
            Self.client(transport).eventStream(
                .cloudWatchLogs, "StartLiveTail", Input(logGroupIdentifiers: []), timeout: .seconds(60)))
        #expect(messages.map(\.eventType) == ["initial-response", "sessionStart", "sessionUpdate"])
    }

    @Test func anHTTPErrorBeforeTheStreamIsDecodedAndThrottlingRetried() async throws {
        let transport = ScriptedTransport { _, number in
            number == 0
                ? HTTPResponse(status: 503, body: Array(#"{"__type":"ServiceUnavailableException"}"#.utf8))
                : HTTPResponse(
                    status: 400, headers: [("x-amzn-RequestId", "r-1")],
                    body: Array(#"{"__type":"AccessDeniedException","message":"not allowed"}"#.utf8))
        }
        do {
            _ = try await Self.client(transport).eventStream(
                .cloudWatchLogs, "StartLiveTail", Input(logGroupIdentifiers: []), timeout: .seconds(60))
            Issue.record("expected AccessDeniedException")
        } catch let error as AWSServiceError {
            #expect(error.code == "AccessDeniedException")
            #expect(error.statusCode == 400)
            #expect(error.message == "not allowed")
        }
        #expect(transport.requests.count == 2)
    }

    @Test func anExceptionFrameEndsTheStreamAsAServiceError() async throws {
        let body =
            Self.body + EventStreamFrames.exception("SessionTimeoutException", message: "Session timed out")
            + EventStreamFrames.event("sessionUpdate", json: "{}")
        let transport = ScriptedTransport { _, _ in
            HTTPResponse(status: 200, headers: [("x-amzn-RequestId", "r-2")], body: body)
        }
        var seen: [String?] = []
        do {
            for try await message in try await Self.client(transport).eventStream(
                .cloudWatchLogs, "StartLiveTail", Input(logGroupIdentifiers: []), timeout: .seconds(60))
            {
                seen.append(message.eventType)
            }
            Issue.record("expected SessionTimeoutException")
        } catch let error as AWSServiceError {
            #expect(error.code == "SessionTimeoutException")
            #expect(error.message == "Session timed out")
            #expect(error.requestId == "r-2")
        }
        #expect(seen == ["initial-response", "sessionStart", "sessionUpdate"])
        #expect(transport.requests.count == 1)
    }

    @Test func aCorruptFrameEndsTheStreamWithItsReasonAndIsNotRetried() async throws {
        var body = Self.body
        body[body.count - 6] ^= 0xFF
        let corrupt = body
        let transport = ScriptedTransport { _, _ in HTTPResponse(status: 200, body: corrupt) }
        var seen = 0
        do {
            for try await _ in try await Self.client(transport).eventStream(
                .cloudWatchLogs, "StartLiveTail", Input(logGroupIdentifiers: []), timeout: .seconds(60))
            {
                seen += 1
            }
            Issue.record("expected a checksum error")
        } catch let error as EventStreamError {
            #expect(error.description.contains("message 3: message checksum"))
        }
        #expect(seen == 2)
        #expect(transport.requests.count == 1)
    }
}
