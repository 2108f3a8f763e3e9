import OrderDeckCore

extension JSONInspector {
    /// A state's members about variables, for `i`: where its failed evaluation was, what it
    /// assigned as it left (each value as JSON), and the variables in scope when it began, each
    /// with the state that assigned it. Nothing when it has none.
    static func variableMembers(of step: Timeline.Step, in timeline: Timeline) -> [(String, JSONValue)] {
        var members: [(String, JSONValue)] = []
        if let assigned = step.assigned {
            var values = assigned.names.map { ("$" + $0, parsedOrText(assigned.values[$0])) }
            if assigned.truncated { values.append(("(truncated)", .string("Step Functions left values out"))) }
            members.append(("assigned variables", .object(values)))
        }
        let scope = timeline.variablesInScope(at: step.enteredEventId)
        if !scope.isEmpty {
            members.append(
                (
                    "variables in scope",
                    .object(
                        scope.map { variable in
                            (
                                "$" + variable.name,
                                .object([
                                    ("value", parsedOrText(variable.value)),
                                    ("assigned by", .string(variable.assignedBy)),
                                ])
                            )
                        })
                ))
        }
        return members
    }
}
