import AWSClient

/// CloudWatch Logs calls over the JSON 1.1 protocol.
public struct CloudWatchLogsClient: Sendable {
    public let client: AWSClient

    public init(client: AWSClient) { self.client = client }

    public func describeLogGroups(prefix: String? = nil) -> PageSequence<[CloudWatchLogs.LogGroup]> {
        let client = self.client
        return PageSequence { token in
            let output: CloudWatchLogs.DescribeLogGroupsOutput = try await client.json(
                .cloudWatchLogs, "DescribeLogGroups",
                CloudWatchLogs.DescribeLogGroupsInput(logGroupNamePrefix: prefix, nextToken: token))
            return (output.logGroups ?? [], output.nextToken)
        }
    }

    public func describeLogStreams(_ input: CloudWatchLogs.DescribeLogStreamsInput) -> PageSequence<
        [CloudWatchLogs.LogStream]
    > {
        let client = self.client
        return PageSequence { token in
            var page = input
            page.nextToken = token ?? input.nextToken
            let output: CloudWatchLogs.DescribeLogStreamsOutput = try await client.json(
                .cloudWatchLogs, "DescribeLogStreams", page)
            return (output.logStreams ?? [], output.nextToken)
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
        let client = self.client
        return PageSequence { token in
            var page = input
            page.nextToken = token ?? input.nextToken
            let output: CloudWatchLogs.FilterLogEventsOutput = try await client.json(
                .cloudWatchLogs, "FilterLogEvents", page)
            return (output.events ?? [], output.nextToken)
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
