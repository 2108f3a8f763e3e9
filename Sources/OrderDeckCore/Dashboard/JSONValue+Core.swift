import AWSClient

/// The JSON value the client parses, under the core's name: the dashboard uses JSON (templates,
/// inspected payloads) without depending on the AWS client module.
public typealias JSONValue = AWSJSONValue
