import OrderDeckCore

extension HistoryText {
    /// The variables each state assigned as it left, in timeline order: a state inside a Map
    /// iteration or Parallel branch named by its path. Nil when no state assigned any.
    static func variables(_ timeline: Timeline) -> String? {
        let assignments = timeline.assignments
        guard !assignments.isEmpty else { return nil }
        var table = TextTable(headers: ["ASSIGNED BY", "VARIABLE", "VALUE"], maxWidth: 60)
        for assignment in assignments {
            for name in assignment.assigned.names {
                table.add([assignment.pathText, "$" + name, assignment.assigned.values[name] ?? ""])
            }
            if assignment.assigned.truncated {
                table.add([assignment.pathText, "…", "(truncated by Step Functions: values are missing)"])
            }
        }
        return "variables assigned:\n" + table.render()
    }
}
