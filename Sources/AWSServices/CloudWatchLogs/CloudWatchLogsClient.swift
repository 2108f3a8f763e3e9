import AWSClient

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
