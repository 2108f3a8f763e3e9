/// Where a log line came from, as an operator reads it: `λ post_order` for a Lambda function's
/// group, `api a1b2c3/prod` for an API stage's execution logs, `states OrderWorkflow` for a state
/// machine's vended logs, the group itself otherwise. The Logs screen's SOURCE column and the
/// CLI's `logs` use this one naming.
public enum LogSource {
    public static func label(group: String) -> String {
        for (prefix, label) in [
            ("/aws/lambda/", "λ "), ("API-Gateway-Execution-Logs_", "api "), ("/aws/vendedlogs/states/", "states "),
        ] where group.hasPrefix(prefix) {
            return label + group.dropFirst(prefix.count)
        }
        return group
    }
}
