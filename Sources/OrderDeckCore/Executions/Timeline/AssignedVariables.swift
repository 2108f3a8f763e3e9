import AWSClient

/// The variables a state assigned as it left (its `Assign` field, JSONata or JSONPath): what
/// `…StateExited` records in `assignedVariables`, each value as the JSON text Step Functions
/// wrote (`42`, `[1,2,3]`, `"text"`), and whether Step Functions cut them
/// (`assignedVariablesDetails.truncated`).
/// See https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html
public struct AssignedVariables: Sendable, Hashable {
    /// Variable name → its value as JSON text.
    public var values: [String: String]
    /// Step Functions left values out (the assignment was over its size limit).
    public var truncated: Bool

    public init(values: [String: String], truncated: Bool = false) {
        self.values = values
        self.truncated = truncated
    }

    /// From a `…StateExited` event's details; nil when the state assigned nothing.
    public init?(exitDetails details: JSONValue) {
        let truncated = details["assignedVariablesDetails"]?["truncated"] == .bool(true)
        var values: [String: String] = [:]
        for (name, value) in details["assignedVariables"]?.objectMembers ?? [] {
            // Values are JSON text; a value that arrives as JSON itself is kept as its text.
            values[name] = value.stringValue ?? value.description
        }
        guard !values.isEmpty || truncated else { return nil }
        self.init(values: values, truncated: truncated)
    }

    /// The names, sorted: the order every view lists them in.
    public var names: [String] { values.keys.sorted() }

    /// `x=42 items=[1,2,3]` on one line (names sorted), `(truncated)` when values are missing.
    public var text: String {
        let pairs = names.map { "\($0)=\(values[$0] ?? "")" }
        return (pairs + (truncated ? ["(truncated)"] : [])).joined(separator: " ")
    }
}
