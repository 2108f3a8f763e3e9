import AWSClient

/// A request that continues from a string token (`nextToken`, or the service's own name for it).
protocol TokenPagedInput: Encodable, Sendable {
    var nextToken: String? { get set }
}

extension AWSClient {
    /// A paginated JSON-protocol call as pages (soto's paginators): `input` is sent with each
    /// page's token (its own `nextToken` first), `page` reads the items and the next token from
    /// one answer. Every string-token call of the service clients is this one function.
    func pages<Input: TokenPagedInput, Output: Decodable, Items: Sendable>(
        _ service: ServiceDescriptor, _ operation: String, _ input: Input, as _: Output.Type,
        page: @escaping @Sendable (Output) -> (Items, String?)
    ) -> PageSequence<Items> {
        PageSequence { [self] token in
            var request = input
            request.nextToken = token ?? input.nextToken
            return page(try await json(service, operation, request))
        }
    }
}

extension StepFunctionsClient.Token: TokenPagedInput {}
extension StepFunctions.ListExecutionsInput: TokenPagedInput {}
extension StepFunctions.GetExecutionHistoryInput: TokenPagedInput {}
extension StepFunctions.ListMapRunsInput: TokenPagedInput {}
extension CloudWatchLogs.DescribeLogGroupsInput: TokenPagedInput {}
extension CloudWatchLogs.DescribeLogStreamsInput: TokenPagedInput {}
extension CloudWatchLogs.FilterLogEventsInput: TokenPagedInput {}

extension DynamoDB.ListTablesInput: TokenPagedInput {
    /// ListTables continues from the last table name it returned.
    var nextToken: String? {
        get { ExclusiveStartTableName }
        set { ExclusiveStartTableName = newValue }
    }
}
