import AWSClient
import Foundation

/// The log groups around the order pipeline beyond the state machines' vended ones, found as
/// `sam logs` finds them: the API stage's execution log group, named from its execute-api URL,
/// and the groups of the Lambda functions the definitions invoke (read from the definitions
/// themselves, no extra request).
public enum RelatedLogGroups {
    /// `API-Gateway-Execution-Logs_<api-id>/<stage>` for `https://<api-id>.execute-api.<region>.amazonaws.com/<stage>/…`;
    /// nil for any other URL (a custom domain names no API; the local gateway logs nowhere).
    public static func apiExecutionGroup(url: String) -> String? {
        guard let components = URLComponents(string: url), let host = components.host,
            host.contains(".execute-api.")
        else { return nil }
        let id = String(host.prefix { $0 != "." })
        guard let stage = components.path.split(separator: "/").first, !id.isEmpty else { return nil }
        return "API-Gateway-Execution-Logs_\(id)/\(stage)"
    }

    /// `/aws/lambda/<name>` for each function a definition invokes, in the order first met:
    /// Task states whose resource is a function ARN, and `lambda:invoke` tasks' `FunctionName`
    /// (in `Parameters`, or `Arguments` under JSONata) when it is a literal — through Map
    /// iterations and Parallel branches.
    public static func lambdaGroups(definition: String) -> [String] {
        guard let root = try? JSONValue.parse(definition) else { return [] }
        var names: [String] = []
        func visit(_ value: JSONValue) {
            guard let members = value.objectMembers else { return }
            let fields = Dictionary(members, uniquingKeysWith: { first, _ in first })
            if fields["Type"]?.stringValue == "Task", let resource = fields["Resource"]?.stringValue {
                let invoked: String?
                if resource.hasPrefix("arn:aws:states:::lambda:invoke") {
                    invoked = (fields["Parameters"] ?? fields["Arguments"])?["FunctionName"]?.stringValue
                } else if resource.contains(":lambda:"), resource.contains(":function:") {
                    invoked = resource
                } else {
                    invoked = nil
                }
                if let invoked, let name = functionName(invoked), !names.contains(name) { names.append(name) }
            }
            for (_, child) in members {
                if case .array(let items) = child { items.forEach(visit) } else { visit(child) }
            }
        }
        visit(root)
        return names.map { "/aws/lambda/\($0)" }
    }

    /// A function's name from its ARN (qualifier dropped), partial ARN or plain name; nil for a
    /// JSONPath/JSONata reference (`$.fn`, `{% … %}`), which only the running execution knows.
    static func functionName(_ reference: String) -> String? {
        guard !reference.hasPrefix("$"), !reference.hasPrefix("{%"), !reference.isEmpty else { return nil }
        let parts = reference.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        if let function = parts.firstIndex(of: "function"), parts.indices.contains(function + 1) {
            return parts[function + 1]
        }
        return parts.first
    }
}
