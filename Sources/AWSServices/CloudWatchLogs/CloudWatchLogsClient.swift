import AWSClient
import Foundation

/// CloudWatch Logs calls over the JSON 1.1 protocol.
public struct CloudWatchLogsClient: Sendable {
    public let client: AWSClient

    public init(client: AWSClient) { self.client = client }

    public func describeLogGroups(prefix: String? = nil) -> PageSequence<[CloudWatchLogs.LogGroup]> {
        client.pages(
            .cloudWatchLogs, "DescribeLogGroups", CloudWatchLogs.DescribeLogGroupsInput(logGroupNamePrefix: prefix),
            as: CloudWatchLogs.DescribeLogGroupsOutput.self
        ) { ($0.logGroups ?? [], $0.nextToken) }
    }

    public func describeLogStreams(_ input: CloudWatchLogs.DescribeLogStreamsInput) -> PageSequence<
        [CloudWatchLogs.LogStream]
    > {
        client.pages(.cloudWatchLogs, "DescribeLogStreams", input, as: CloudWatchLogs.DescribeLogStreamsOutput.self) {
            ($0.logStreams ?? [], $0.nextToken)
        }
    }

    /// One FilterLogEvents call (the tail engine drives paging itself to control its rate).
    public func filterLogEvents(_ input: CloudWatchLogs.FilterLogEventsInput) async throws
        -> CloudWatchLogs.FilterLogEventsOutput
    {
        try await client.json(.cloudWatchLogs, "FilterLogEvents", input)
    }

    public func filterLogEventPages(_ input: CloudWatchLogs.FilterLogEventsInput) -> PageSequence<
        [CloudWatchLogs.FilteredLogEvent]
    > {
        client.pages(.cloudWatchLogs, "FilterLogEvents", input, as: CloudWatchLogs.FilterLogEventsOutput.self) {
            ($0.events ?? [], $0.nextToken)
        }
    }

    /// Opens a Live Tail session: its `sessionStart`, then its `sessionUpdate`s as the service
    /// pushes them (every second on AWS, for up to 3 hours). Errors before the stream opens are
    /// thrown here (AccessDeniedException, LimitExceededException); a session that ends badly
    /// ends the sequence with the `:exception-type` as an `AWSServiceError` code
    /// (SessionTimeoutException, SessionStreamingException). Other events (`initial-response`)
    /// carry nothing and are passed over.
    /// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_StartLiveTail.html
    public func startLiveTail(_ input: CloudWatchLogs.StartLiveTailInput, timeout: Duration = .seconds(3 * 3600 + 600))
        async throws -> AsyncThrowingStream<CloudWatchLogs.LiveTailEvent, any Error>
    {
        let messages = try await client.eventStream(
            .cloudWatchLogs, "StartLiveTail", input, hostPrefix: "stream-", timeout: timeout)
        return AsyncThrowingStream { continuation in
            let reader = Task {
                do {
                    for try await message in messages {
                        let body = message.payload.isEmpty ? Array("{}".utf8) : message.payload
                        switch message.eventType {
                        case "sessionStart":
                            continuation.yield(.sessionStart(try Self.decode(body, event: "sessionStart")))
                        case "sessionUpdate":
                            continuation.yield(.sessionUpdate(try Self.decode(body, event: "sessionUpdate")))
                        default:
                            continue
                        }
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in reader.cancel() }
        }
    }

    private static func decode<Event: Decodable>(_ body: [UInt8], event: String) throws -> Event {
        do {
            return try JSONDecoder().decode(Event.self, from: Data(body))
        } catch {
            throw AWSClientError.invalidResponse(
                service: "CloudWatch Logs", operation: "StartLiveTail", reason: "\(event) event: \(error)")
        }
    }

    public func getLogEvents(_ input: CloudWatchLogs.GetLogEventsInput) async throws
        -> CloudWatchLogs.GetLogEventsOutput
    {
        try await client.json(.cloudWatchLogs, "GetLogEvents", input)
    }

    public func createLogGroup(_ name: String) async throws {
        let _: EmptyInput = try await client.json(.cloudWatchLogs, "CreateLogGroup", ["logGroupName": name])
    }

    public func createLogStream(group: String, stream: String) async throws {
        let _: EmptyInput = try await client.json(
            .cloudWatchLogs, "CreateLogStream", ["logGroupName": group, "logStreamName": stream])
    }

    public func putLogEvents(
        group: String, stream: String, events: [CloudWatchLogs.InputLogEvent], sequenceToken: String? = nil
    ) async throws -> CloudWatchLogs.PutLogEventsOutput {
        try await client.json(
            .cloudWatchLogs, "PutLogEvents",
            CloudWatchLogs.PutLogEventsInput(
                logGroupName: group, logStreamName: stream, logEvents: events, sequenceToken: sequenceToken))
    }
}

extension AWSServiceError {
    /// CreateLogGroup/CreateLogStream/CreateTable on something that exists: fine for idempotent set-up.
    public var isAlreadyExists: Bool {
        [
            "ResourceAlreadyExistsException", "ResourceInUseException", "EntityAlreadyExists",
            "StateMachineAlreadyExists",
            "TableAlreadyExistsException",
        ].contains(code)
    }
}
