/// A Scan or Query answer as one page of a key-paged listing: decoded whole (`ScanOutput`) or
/// with its items left as text (`DynamoRawPage`); the next page starts at `LastEvaluatedKey`.
public protocol DynamoPage: Sendable {
    init(jsonBytes: [UInt8]) throws
    var LastEvaluatedKey: DynamoItem? { get }
}

extension DynamoDB.ScanOutput: DynamoPage {}
