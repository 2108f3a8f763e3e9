import AWSClient

/// The seeds' AppSync front door: `postOrder(input: AWSJSON!)`, whose resolver puts the order on
/// the SQS queue and answers the message id (the order's id). One spelling of the request and of
/// reading its answer, for the submitter and the local stack's seeder.
public enum PostOrderMutation {
    public static let query = "mutation PostOrder($input: AWSJSON!) { postOrder(input: $input) }"

    /// The GraphQL request body for one order (its JSON text as the AWSJSON input).
    public static func body(order: String) -> [UInt8] {
        let request = JSONValue.object([
            ("query", .string(query)), ("variables", .object([("input", .string(order))])),
        ])
        return Array(request.description.utf8)
    }

    /// The message id a successful mutation answers; nil when it answered errors instead.
    public static func messageId(in answer: String) -> String? {
        (try? JSONValue.parse(answer))?["data"]?["postOrder"]?.stringValue
    }
}
