/// The variables a state could read: what the states before it on its path assigned.
extension Timeline {
    /// One variable in scope, and the state run that last assigned it.
    public struct ScopedVariable: Sendable, Hashable {
        public var name: String
        /// Its value as JSON text.
        public var value: String
        /// The state that last assigned it before the one asked about.
        public var assignedBy: String
        /// That state's `…StateEntered` event id (a state run more than once: which run).
        public var assignedIn: Int
        /// That state's assignment was cut by Step Functions (values may be missing).
        public var truncated: Bool
    }

    /// The variables in scope when the state entered at `enteredEventId` began: the assignments of
    /// the states before it in its iteration or branch, after those before its Map or Parallel
    /// (an iteration or branch sees its parent's scope), up to the execution; a later assignment
    /// wins. Its own assignment, made as it leaves, is not included. Sorted by name; empty when
    /// nothing was assigned or no such state is in the timeline.
    ///
    /// Step Functions keeps no scope in the history: this is rebuilt from `assignedVariables`.
    /// A variable assigned inside an iteration or branch is not seen after it (as in Step Functions).
    public func variablesInScope(at enteredEventId: Int) -> [ScopedVariable] {
        guard let path = Self.path(to: enteredEventId, in: steps) else { return [] }
        var scope: [String: ScopedVariable] = [:]
        for (siblings, position) in path {
            for step in siblings[..<position] {
                guard let assigned = step.assigned else { continue }
                for (name, value) in assigned.values {
                    scope[name] = ScopedVariable(
                        name: name, value: value, assignedBy: step.name, assignedIn: step.enteredEventId,
                        truncated: assigned.truncated)
                }
            }
        }
        return scope.values.sorted { $0.name < $1.name }
    }

    /// The state with this entered event id, found anywhere: at each level from the execution
    /// down, the states of that level and the position of the one on the way.
    static func path(to enteredEventId: Int, in steps: [Step]) -> [(siblings: [Step], position: Int)]? {
        for (position, step) in steps.enumerated() {
            if step.enteredEventId == enteredEventId { return [(steps, position)] }
            for group in step.children {
                if let inner = path(to: enteredEventId, in: group.steps) { return [(steps, position)] + inner }
            }
        }
        return nil
    }

    /// One state run that assigned variables, and where it ran.
    public struct Assignment: Sendable, Hashable {
        /// `["State1", "iteration 0", "Inner"]`: the state, under its Map iterations and Parallel branches.
        public var path: [String]
        public var step: Step
        public var assigned: AssignedVariables
        public var pathText: String { path.joined(separator: " › ") }
    }

    /// Every state run that assigned variables, at every depth, in timeline order (a Map's
    /// iterations right after the Map's predecessors, before the Map's own assignment).
    public var assignments: [Assignment] {
        var result: [Assignment] = []
        func walk(_ steps: [Step], under path: [String]) {
            for step in steps {
                for group in step.children { walk(group.steps, under: path + [step.name, group.label]) }
                if let assigned = step.assigned {
                    result.append(Assignment(path: path + [step.name], step: step, assigned: assigned))
                }
            }
        }
        walk(steps, under: [])
        return result
    }
}
