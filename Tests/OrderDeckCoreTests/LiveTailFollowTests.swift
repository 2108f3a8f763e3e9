import AWSClient
import AWSServices
import Foundation
import OrderDeckCore
import Synchronization
import TestSupport
import Testing

/// Live Tail first, polling as the fallback, in process: CloudWatch Logs scripted (FilterLogEvents
/// answers, StartLiveTail event streams fed by the test), time on a manual clock. Each switch is
/// checked for what the operator would see: every line once, none missing, the mode said.
@Suite struct LiveTailFollowTests {
    static let group = "/aws/vendedlogs/states/orders"
    static let arn = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/states/orders"
    static let start: Int64 = 1_795_421_900_000  // the manual clock's now, in ms
    static let later = start + 3 * 3_600_000  // three hours on

    /// CloudWatch Logs as scripted: FilterLogEvents answers taken in turn (the last one repeated),
    /// StartLiveTail answered by the session scripts in turn.
    final class Script: Sendable {
        enum Session: Sendable {
            case buffered(HTTPResponse)
            case streamed(AsyncThrowingStream<[UInt8], any Error>)
        }

        struct State {
            var filterAnswers: [[(String, Int64, String)]] = []
            var filterCalls = 0
            var sessions: [Session] = []
            var sessionCalls = 0
        }

        let state = Mutex(State())

        func answerFilters(_ answers: [[(String, Int64, String)]]) { state.withLock { $0.filterAnswers += answers } }
        func answerSessions(_ sessions: [Session]) { state.withLock { $0.sessions += sessions } }
        var filterCalls: Int { state.withLock { $0.filterCalls } }
        var sessionCalls: Int { state.withLock { $0.sessionCalls } }

        func filtered() -> HTTPResponse {
            let lines = state.withLock { state -> [(String, Int64, String)] in
                defer { state.filterCalls += 1 }
                guard !state.filterAnswers.isEmpty else { return [] }
                return state.filterAnswers[min(state.filterCalls, state.filterAnswers.count - 1)]
            }
            let events = lines.map { stream, timestamp, message -> [String: Any] in
                [
                    "logStreamName": stream, "timestamp": timestamp, "message": message, "ingestionTime": timestamp,
                    "eventId": "\(stream)-\(timestamp)-\(message)",
                ]
            }
            return HTTPResponse(
                status: 200, body: Array(try! JSONSerialization.data(withJSONObject: ["events": events])))
        }

        func session() -> Session? {
            state.withLock { state in
                defer { state.sessionCalls += 1 }
                return state.sessionCalls < state.sessions.count ? state.sessions[state.sessionCalls] : nil
            }
        }

        var transport: ScriptedTransport {
            ScriptedTransport(
                handler: { request, _ in
                    switch Self.target(request) {
                    case "Logs_20140328.DescribeLogGroups":
                        return HTTPResponse(
                            status: 200,
                            body: Array(
                                #"{"logGroups":[{"logGroupName":"\#(LiveTailFollowTests.group)","arn":"\#(LiveTailFollowTests.arn):*","logGroupArn":"\#(LiveTailFollowTests.arn)"}]}"#
                                    .utf8))
                    case "Logs_20140328.FilterLogEvents":
                        return self.filtered()
                    default:
                        return HTTPResponse(status: 500, body: Array(#"{"__type":"InternalFailure"}"#.utf8))
                    }
                },
                streamHandler: { request, _ in
                    guard Self.target(request) == "Logs_20140328.StartLiveTail" else { return nil }
                    switch self.session() {
                    case .buffered(let response): return HTTPStreamingResponse(buffered: response)
                    case .streamed(let body): return HTTPStreamingResponse(status: 200, body: body)
                    case nil: return HTTPStreamingResponse(buffered: HTTPResponse(status: 500))
                    }
                })
        }

        static func target(_ request: HTTPRequest) -> String? {
            request.headers.first { $0.0.lowercased() == "x-amz-target" }?.1
        }
    }

    static func tail(_ script: Script, clock: ManualClock, groups: [String] = [group], liveTail: Bool = true)
        -> LogTail
    {
        let client = AWSClient(
            region: "us-east-1", credentials: StaticCredentialProvider(MotoFixture.testCredentials),
            endpoints: EndpointResolver(
                region: "us-east-1", explicitURL: "http://127.0.0.1:9", environment: TestAWS.isolatedEnvironment()),
            transport: script.transport, retry: RetryPolicy(maxAttempts: 1), sleep: { _ in })
        return LogTail(
            reader: LogReader(
                logs: CloudWatchLogsClient(client: client),
                budget: RateBudget(ratePerSecond: 1000, burst: 1000, clock: clock)),
            groups: groups, since: Date(timeIntervalSince1970: Double(start) / 1000 - 60), clock: clock,
            liveTail: liveTail)
    }

    static func update(_ lines: [(String, Int64, String)], sampled: Bool = false) -> String {
        EventStreamFrames.update(group: arn, lines, sampled: sampled)
    }

    /// Waits (without a clock) until the tail's session has reported what the test fed it.
    static func eventually(_ what: String, _ condition: () async -> Bool) async {
        for _ in 0..<200_000 {
            if await condition() { return }
            await Task.yield()
        }
        Issue.record("never: \(what)")
    }

    static func messages(_ batches: [[TailedEvent]]) -> [String] { batches.flatMap { $0.map(\.message) } }

    /// A Lambda's traceback: lines of one millisecond, in the order the service gave them, whatever
    /// their event ids (MiniStack's are random; sorting by them shuffled the traceback).
    @Test func linesOfOneMillisecondKeepTheServicesOrder() async throws {
        let script = Script()
        let lines = ["Traceback (most recent call last):", "  File \"index.py\", line 9", "ValueError: declined"]
        script.answerFilters([lines.map { ("s", Self.start + 1000, $0) }])
        let tail = Self.tail(script, clock: ManualClock(), liveTail: false)
        #expect(try await tail.poll().map(\.message) == lines)
    }

    @Test func aSessionThatEndsAfterItsFirstAnswerMeansPollingFromThenWithoutRepeats() async throws {
        // moto: one update with every line of the group (one older than --since), then closed.
        let script = Script()
        script.answerFilters([
            [("s", Self.start + 1000, "A1")],
            [("s", Self.start + 1000, "A1"), ("s", Self.start + 2000, "A2"), ("s", Self.start + 3000, "B1")],
        ])
        let body = EventStreamFrames.liveTail(
            groupArns: [Self.arn],
            updates: [
                Self.update([
                    ("s", Self.start - 600_000, "old"), ("s", Self.start + 1000, "A1"), ("s", Self.start + 2000, "A2"),
                ])
            ])
        script.answerSessions([.buffered(HTTPResponse(status: 200, body: body))])
        let clock = ManualClock()
        let tail = Self.tail(script, clock: clock)
        var batches = [try await tail.poll()]
        await tail.waitForLiveSession()
        batches.append(try await tail.poll())
        #expect(Self.messages(batches) == ["A1", "A2", "B1"])
        let mode = await tail.takeModeChange()
        #expect(
            mode
                == .polling(
                    reason: "this endpoint does not stream Live Tail (the session ended after its first answer)"))
        // For good: an hour later, still polling, no second session.
        clock.advance(by: .seconds(3600))
        _ = try await tail.poll()
        #expect(script.sessionCalls == 1)
        #expect(await tail.takeModeChange() == nil)
    }

    @Test func aStreamingSessionIsLiveAndItsTimeoutRenewsItWithNoGapNoRepeat() async throws {
        let script = Script()
        let (first, feedFirst) = AsyncThrowingStream<[UInt8], any Error>.makeStream()
        let (second, feedSecond) = AsyncThrowingStream<[UInt8], any Error>.makeStream()
        script.answerSessions([.streamed(first), .streamed(second)])
        // Polling rounds: while the first session opens (P), its catch-up (P again, A1), after it
        // ended (A3 again, G: written between the sessions), the second's catch-up (G again).
        script.answerFilters([
            [("s", Self.start + 500, "P")],
            [("s", Self.start + 500, "P"), ("s", Self.start + 1000, "A1")],
            [("s", Self.start + 3000, "A3"), ("s", Self.later + 1000, "G")],
            [("s", Self.later + 1000, "G")],
        ])
        let clock = ManualClock()
        let tail = Self.tail(script, clock: clock)
        var batches = [try await tail.poll()]
        feedFirst.yield(
            EventStreamFrames.liveTail(
                groupArns: [Self.arn],
                updates: [Self.update([("s", Self.start + 1000, "A1")]), Self.update([("s", Self.start + 2000, "A2")])])
        )
        await Self.eventually("live") { await tail.mode == .liveTail(sampled: false) }
        #expect(await tail.takeModeChange() == .liveTail(sampled: false))
        batches.append(try await tail.poll())  // pushed lines and the catch-up round
        let roundsWhileLive = script.filterCalls
        feedFirst.yield(EventStreamFrames.event("sessionUpdate", json: Self.update([("s", Self.start + 3000, "A3")])))
        feedFirst.yield(EventStreamFrames.event("sessionUpdate", json: Self.update([])))  // a heartbeat
        var pushed: [TailedEvent] = []
        await Self.eventually("A3 pushed") {
            pushed += (try? await tail.poll()) ?? []
            return !pushed.isEmpty
        }
        batches.append(pushed)
        #expect(script.filterCalls == roundsWhileLive, "no FilterLogEvents while live")

        clock.advance(by: .seconds(3 * 3600))
        feedFirst.yield(EventStreamFrames.exception("SessionTimeoutException", message: "Session timed out"))
        feedFirst.finish()
        await tail.waitForLiveSession()
        #expect(
            await tail.takeModeChange()
                == .polling(reason: "the Live Tail session ended after 3.0 h; opening a new one"))
        batches.append(try await tail.poll())  // opens the second session; polls meanwhile (G)
        feedSecond.yield(
            EventStreamFrames.liveTail(
                groupArns: [Self.arn],
                updates: [Self.update([("s", Self.later + 1000, "G"), ("s", Self.later + 2000, "L1")])]))
        await Self.eventually("live again") { await tail.mode == .liveTail(sampled: false) }
        #expect(script.sessionCalls == 2)
        batches.append(try await tail.poll())
        #expect(Self.messages(batches) == ["P", "A1", "A2", "A3", "G", "L1"])
        #expect(await tail.takeModeChange() == .liveTail(sampled: false))
        feedSecond.finish()
    }

    @Test func noPermissionMeansPollingForGood() async throws {
        let script = Script()
        script.answerSessions([
            .buffered(
                HTTPResponse(
                    status: 400,
                    body: Array(
                        #"{"__type":"AccessDeniedException","message":"not authorized: logs:StartLiveTail"}"#.utf8)))
        ])
        script.answerFilters([[("s", Self.start + 1000, "A1")]])
        let clock = ManualClock()
        let tail = Self.tail(script, clock: clock)
        #expect(try await tail.poll().map(\.message) == ["A1"])
        await tail.waitForLiveSession()
        #expect(
            await tail.takeModeChange()
                == .polling(reason: "no permission for logs:StartLiveTail (AccessDeniedException)"))
        clock.advance(by: .seconds(7200))
        _ = try await tail.poll()
        #expect(script.sessionCalls == 1)
    }

    @Test func theSessionLimitMeansPollingAndLiveTailAgainLater() async throws {
        let limit = HTTPResponse(
            status: 400, body: Array(#"{"__type":"LimitExceededException","message":"too many sessions"}"#.utf8))
        let script = Script()
        script.answerSessions([.buffered(limit), .buffered(limit)])
        let clock = ManualClock()
        let tail = Self.tail(script, clock: clock)
        _ = try await tail.poll()
        await tail.waitForLiveSession()
        #expect(
            await tail.mode
                == .polling(reason: "Live Tail session limit reached (LimitExceededException); retrying in 5 min"))
        clock.advance(by: .seconds(240))
        _ = try await tail.poll()
        #expect(script.sessionCalls == 1)
        clock.advance(by: .seconds(61))
        _ = try await tail.poll()
        await tail.waitForLiveSession()
        #expect(script.sessionCalls == 2)
    }

    @Test func aCorruptFrameIsSaidAndPollingTakesOver() async throws {
        let script = Script()
        var body = EventStreamFrames.liveTail(
            groupArns: [Self.arn],
            updates: [Self.update([("s", Self.start + 1000, "A1")]), Self.update([("s", Self.start + 2000, "A2")])])
        body[body.count - 5] ^= 0x01
        script.answerSessions([.buffered(HTTPResponse(status: 200, body: body))])
        script.answerFilters([[], [("s", Self.start + 1000, "A1"), ("s", Self.start + 2000, "A2")]])
        let tail = Self.tail(script, clock: ManualClock())
        var batches = [try await tail.poll()]
        await tail.waitForLiveSession()
        batches.append(try await tail.poll())
        #expect(Self.messages(batches) == ["A1", "A2"])
        guard case .polling(let reason) = await tail.mode else {
            Issue.record("expected polling")
            return
        }
        #expect(reason.contains("message 4: message checksum"), "\(reason)")
    }

    @Test func aSampledUpdateIsSaidAndPollingFillsIn() async throws {
        let script = Script()
        let (body, feed) = AsyncThrowingStream<[UInt8], any Error>.makeStream()
        script.answerSessions([.streamed(body)])
        script.answerFilters([[], [], [("s", Self.start + 1000, "A1"), ("s", Self.start + 1001, "left out")]])
        let tail = Self.tail(script, clock: ManualClock())
        _ = try await tail.poll()
        feed.yield(EventStreamFrames.liveTail(groupArns: [Self.arn], updates: [Self.update([])]))
        await Self.eventually("live") { await tail.mode.isLiveTail }
        _ = try await tail.poll()  // the catch-up after the start
        let before = script.filterCalls
        feed.yield(
            EventStreamFrames.event("sessionUpdate", json: Self.update([("s", Self.start + 1000, "A1")], sampled: true))
        )
        await Self.eventually("sampled") { await tail.mode == .liveTail(sampled: true) }
        #expect(await tail.takeModeChange() == .liveTail(sampled: true))
        #expect(try await tail.poll().map(\.message) == ["A1", "left out"])
        #expect(script.filterCalls == before + 1)
        #expect(LogFollowMode.liveTail(sampled: true).description.contains("sampled"))
        feed.finish()
    }

    @Test func moreGroupsThanLiveTailTakesMeansPolling() async throws {
        let script = Script()
        let tail = Self.tail(script, clock: ManualClock(), groups: (0..<11).map { "/g\($0)" })
        _ = try await tail.poll()
        await tail.waitForLiveSession()
        #expect(await tail.mode == .polling(reason: "11 log groups, more than Live Tail's 10"))
        #expect(script.sessionCalls == 0)
    }

    @Test func theShapesAreTheServiceModels() async throws {
        let operation = try await SharedFixtures.operationShape("logs", "StartLiveTail")
        #expect(operation.required == ["logGroupIdentifiers"])
        #expect(
            Set(operation.input)
                == ["logGroupIdentifiers", "logStreamNames", "logStreamNamePrefixes", "logEventFilterPattern"])
        #expect(operation.output == ["responseStream"])
        #expect(
            operation.errors.contains("AccessDeniedException") && operation.errors.contains("LimitExceededException"))
        let members = try await Self.nestedMembers()
        func keys(_ value: some Encodable) throws -> Set<String> {
            let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(value)) as? [String: Any]
            return Set(object?.keys.map { $0 } ?? [])
        }
        let result = CloudWatchLogs.LiveTailSessionLogEvent(
            logStreamName: "s", logGroupIdentifier: "g", message: "m", timestamp: 1, ingestionTime: 2)
        #expect(try keys(result) == members["LiveTailSessionLogEvent"])
        #expect(try keys(CloudWatchLogs.LiveTailSessionMetadata(sampled: true)) == members["LiveTailSessionMetadata"])
        #expect(
            try keys(CloudWatchLogs.LiveTailSessionUpdate(sessionMetadata: .init(), sessionResults: []))
                == members["LiveTailSessionUpdate"])
        let start = try JSONDecoder().decode(
            CloudWatchLogs.LiveTailSessionStart.self,
            from: Data(
                #"{"requestId":"r","sessionId":"s","logGroupIdentifiers":[],"logStreamNames":[],"logStreamNamePrefixes":[],"logEventFilterPattern":""}"#
                    .utf8))
        #expect(try keys(start) == members["LiveTailSessionStart"])
        #expect(members["StartLiveTailResponseStream"]?.isSuperset(of: ["sessionStart", "sessionUpdate"]) == true)
        #expect(members["LogGroup"]?.contains("logGroupArn") == true)
    }

    /// The members of StartLiveTail's nested shapes in botocore's model, read off the test pool.
    static func nestedMembers() async throws -> [String: Set<String>] {
        let script = """
            import botocore.session, json
            m = botocore.session.get_session().get_service_model('logs')
            names = ['StartLiveTailResponseStream', 'LiveTailSessionStart', 'LiveTailSessionUpdate',
                     'LiveTailSessionMetadata', 'LiveTailSessionLogEvent', 'LogGroup']
            print(json.dumps({n: list(m.shape_for(n).members) for n in names}))
            """
        let data = try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try SharedFixtures.output(of: ["python3", "-c", script]).0 })
            }
        }
        return try JSONDecoder().decode([String: [String]].self, from: data).mapValues(Set.init)
    }

    @Test func linesReadBeforeAnotherGroupFailedGoOutWithTheNextPoll() async throws {
        let failOnce = Mutex(true)
        let transport = ScriptedTransport { request, _ in
            let body = String(decoding: request.body, as: UTF8.self)
            if body.contains(#""logGroupName":"\/b""#) || body.contains(#""logGroupName":"/b""#) {
                if failOnce.withLock({ first in
                    defer { first = false }
                    return first
                }) {
                    return HTTPResponse(status: 400, body: Array(#"{"__type":"ResourceNotFoundException"}"#.utf8))
                }
                return HTTPResponse(status: 200, body: Array(#"{"events":[]}"#.utf8))
            }
            let line = #"{"logStreamName":"s","timestamp":\#(Self.start + 1000),"message":"A1","eventId":"1"}"#
            return HTTPResponse(status: 200, body: Array(#"{"events":[\#(line)]}"#.utf8))
        }
        let client = AWSClient(
            region: "us-east-1", credentials: StaticCredentialProvider(MotoFixture.testCredentials),
            endpoints: EndpointResolver(
                region: "us-east-1", explicitURL: "http://127.0.0.1:9", environment: TestAWS.isolatedEnvironment()),
            transport: transport, retry: RetryPolicy(maxAttempts: 1), sleep: { _ in })
        let clock = ManualClock()
        let tail = LogTail(
            reader: LogReader(
                logs: CloudWatchLogsClient(client: client),
                budget: RateBudget(ratePerSecond: 1000, burst: 1000, clock: clock)),
            groups: ["/a", "/b"], since: Date(timeIntervalSince1970: Double(Self.start) / 1000 - 60), clock: clock)
        await #expect(throws: AWSServiceError.self) { _ = try await tail.poll() }
        #expect(try await tail.poll().map(\.message) == ["A1"])
        #expect(try await tail.poll().isEmpty)
    }
}
