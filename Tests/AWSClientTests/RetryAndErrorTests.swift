import AWSClient
import Foundation
import Synchronization
import TestSupport
import Testing

/// Error decoding, standard retries and clock-skew correction, with answers scripted at the
/// transport seam (the faults themselves; the success path goes to moto).
@Suite struct RetryAndErrorTests {
    final class Sleeps: Sendable {
        let recorded = Mutex<[Duration]>([])
        var sleep: @Sendable (Duration) async throws -> Void {
            { duration in self.recorded.withLock { $0.append(duration) } }
        }
    }

    func client(
        _ transport: any HTTPTransport, attempts: Int = 3, sleeps: Sleeps = Sleeps(),
        now: @escaping @Sendable () -> Date = { Date() }
    ) -> AWSClient {
        AWSClient(
            region: "us-east-1", credentials: StaticCredentialProvider(MotoFixture.testCredentials),
            endpoints: EndpointResolver(
                region: "us-east-1", explicitURL: "http://127.0.0.1:9", environment: TestAWS.isolatedEnvironment()),
            transport: transport, retry: RetryPolicy(maxAttempts: attempts, baseDelay: .seconds(1), random: { 0.5 }),
            now: now,
            sleep: sleeps.sleep)
    }

    static func json(_ status: Int, _ body: String, headers: [(String, String)] = []) -> HTTPResponse {
        HTTPResponse(status: status, headers: headers + [("x-amzn-RequestId", "req-\(status)")], body: Array(body.utf8))
    }

    @Test func decodesEveryErrorShape() async throws {
        let shapes: [(HTTPResponse, String, String)] = [
            (
                Self.json(
                    400,
                    #"{"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"Requested resource not found"}"#
                ), "ResourceNotFoundException", "Requested resource not found"
            ),
            (Self.json(400, #"{"__type":"ValidationException","Message":"bad"}"#), "ValidationException", "bad"),
            (
                Self.json(
                    400, #"{"message":"m"}"#,
                    headers: [("x-amzn-ErrorType", "AccessDeniedException:http://internal.amazon.com/")]),
                "AccessDeniedException", "m"
            ),
            (
                HTTPResponse(
                    status: 403,
                    body: Array(
                        "<ErrorResponse><Error><Code>SignatureDoesNotMatch</Code><Message>sig</Message></Error><RequestId>x-1</RequestId></ErrorResponse>"
                            .utf8)), "SignatureDoesNotMatch", "sig"
            ),
            (
                HTTPResponse(status: 404, headers: [("x-amzn-RequestId", "r")], body: Array("<html>gone</html>".utf8)),
                // Not an AWS error body: reduced to one short line, never the page itself.
                "NotFound", "not an AWS answer: gone"
            ),
            (HTTPResponse(status: 502, headers: [("x-amzn-RequestId", "r")], body: []), "BadGateway", ""),
        ]
        for (response, code, message) in shapes {
            let transport = ScriptedTransport { _, _ in response }
            await #expect {
                let _: EmptyInput = try await client(transport, attempts: 1).json(.dynamoDB, "GetItem", EmptyInput())
            } throws: { error in
                guard let service = error as? AWSServiceError else { return false }
                return service.code == code && service.message == message && service.statusCode == response.status
                    && service.requestId != nil
            }
        }
    }

    @Test func throttlingIsRetriedWithFullJitterBackoff() async throws {
        let sleeps = Sleeps()
        let transport = ScriptedTransport { _, number in
            number < 2
                ? Self.json(400, #"{"__type":"ThrottlingException","message":"Rate exceeded"}"#)
                : Self.json(200, #"{"TableNames":["ORDER"]}"#)
        }
        struct Tables: Decodable { let TableNames: [String] }
        let events = Mutex<[ClientEvent]>([])
        var retrying = client(transport, attempts: 3, sleeps: sleeps)
        retrying.onEvent = { event in events.withLock { $0.append(event) } }
        let output: Tables = try await retrying.json(.dynamoDB, "ListTables", EmptyInput())
        #expect(output.TableNames == ["ORDER"])
        #expect(transport.requests.count == 3)
        // random() = 0.5: half of 1 s, then half of 2 s.
        #expect(sleeps.recorded.withLock { $0 } == [.milliseconds(500), .milliseconds(1000)])
        #expect(events.withLock { $0.count } == 2)
    }

    @Test func givesUpAfterMaxAttemptsWithTheLastError() async throws {
        let transport = ScriptedTransport { _, _ in
            Self.json(400, #"{"__type":"ProvisionedThroughputExceededException","message":"slow down"}"#)
        }
        await #expect {
            let _: EmptyInput = try await client(transport, attempts: 4).json(.dynamoDB, "Scan", EmptyInput())
        } throws: { error in
            (error as? AWSServiceError)?.code == "ProvisionedThroughputExceededException"
        }
        #expect(transport.requests.count == 4)
    }

    @Test func serverErrorsAndNetworkFailuresAreRetriedButClientErrorsAreNot() async throws {
        let flaky = ScriptedTransport { _, number in
            switch number {
            case 0: throw AWSClientError.network(endpoint: "http://127.0.0.1:9", reason: "connection reset")
            case 1: return Self.json(503, "")
            default: return Self.json(200, "{}")
            }
        }
        let _: EmptyInput = try await client(flaky).json(.stepFunctions, "ListStateMachines", EmptyInput())
        #expect(flaky.requests.count == 3)

        let denied = ScriptedTransport { _, _ in Self.json(400, #"{"__type":"AccessDeniedException","message":"no"}"#) }
        await #expect(throws: AWSServiceError.self) {
            let _: EmptyInput = try await client(denied).json(.stepFunctions, "ListStateMachines", EmptyInput())
        }
        #expect(denied.requests.count == 1)
    }

    @Test func invalidJSONInASuccessIsAClearError() async throws {
        let transport = ScriptedTransport { _, _ in Self.json(200, #"{"TableNames": [1, 2"#) }
        struct Tables: Decodable { let TableNames: [String] }
        await #expect {
            let _: Tables = try await client(transport, attempts: 1).json(.dynamoDB, "ListTables", EmptyInput())
        } throws: { error in
            String(describing: error).hasPrefix("DynamoDB ListTables: unreadable response")
        }
    }

    @Test func clockSkewIsCorrectedFromTheDateHeader() async throws {
        // Our clock is 20 minutes slow; the service says so once.
        let serverNow = Date()
        let skewedNow = serverNow.addingTimeInterval(-1200)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        let transport = ScriptedTransport { request, number in
            if number == 0 {
                return Self.json(
                    400, #"{"__type":"InvalidSignatureException","message":"Signature expired"}"#,
                    headers: [("Date", formatter.string(from: serverNow))])
            }
            return Self.json(200, "{}")
        }
        let skewed = client(transport, attempts: 3, now: { skewedNow })
        let _: EmptyInput = try await skewed.json(.dynamoDB, "ListTables", EmptyInput())
        #expect(transport.requests.count == 2)
        #expect(abs(skewed.clockSkew.current - 1200) < 2)
        let dateHeader = { (request: HTTPRequest) in request.headers.first { $0.0 == "X-Amz-Date" }?.1 ?? "" }
        #expect(dateHeader(transport.requests[0]) != dateHeader(transport.requests[1]))
    }

    @Test func cancellationStopsRetrying() async throws {
        let transport = ScriptedTransport { _, _ in Self.json(503, "") }
        let slowClient = AWSClient(
            region: "us-east-1", credentials: StaticCredentialProvider(MotoFixture.testCredentials),
            endpoints: EndpointResolver(
                region: "us-east-1", explicitURL: "http://127.0.0.1:9", environment: TestAWS.isolatedEnvironment()),
            transport: transport, retry: RetryPolicy(maxAttempts: 10, baseDelay: .seconds(5)))
        let task = Task {
            let _: EmptyInput = try await slowClient.json(.dynamoDB, "ListTables", EmptyInput())
        }
        try await Task.sleep(for: .milliseconds(100))
        task.cancel()
        let result = await task.result
        #expect(throws: CancellationError.self) { try result.get() }
        #expect(transport.requests.count < 3)
    }

    @Test func unreachableEndpointIsOneClearLine() async throws {
        let port = 1  // nothing listens on port 1 of loopback
        let unreachable = AWSClient(
            region: "us-east-1", credentials: StaticCredentialProvider(MotoFixture.testCredentials),
            endpoints: EndpointResolver(
                region: "us-east-1", explicitURL: "http://127.0.0.1:\(port)", environment: TestAWS.isolatedEnvironment()
            ),
            retry: RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(1)))
        await #expect {
            let _: EmptyInput = try await unreachable.json(.dynamoDB, "ListTables", EmptyInput())
        } throws: { error in
            let text = String(describing: error)
            return text.hasPrefix("cannot reach http://127.0.0.1:1: ") && !text.contains("\n")
        }
    }
}
