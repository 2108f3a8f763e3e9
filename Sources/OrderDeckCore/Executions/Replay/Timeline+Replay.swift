extension Timeline {
    /// The replay's timeline as the original's reads: a pinned Pass ran as a stand-in Task on
    /// the engine and is shown as the Pass it is, and no Task shows the stand-in's resource.
    func restoringStandIns(pinnedPasses: Set<String>) -> Timeline {
        var copy = self
        copy.steps = Self.restoring(steps, pinnedPasses)
        return copy
    }

    private static func restoring(_ steps: [Step], _ pinned: Set<String>) -> [Step] {
        steps.map { step in
            var step = step
            if pinned.contains(step.name) {
                step.kind = .pass
                step.attempts = 0
                step.answers = []
            }
            if step.resource?.contains(ReplayDefinition.standInResource) == true { step.resource = nil }
            step.children = step.children.map { group in
                var group = group
                group.steps = restoring(group.steps, pinned)
                return group
            }
            return step
        }
    }

    /// Parallel branches numbered by their first state rather than by which began first (a race
    /// that differs between two runs), so a run and its replay line up branch by branch.
    func branchesByFirstState() -> Timeline {
        var copy = self
        copy.steps = Self.orderingBranches(steps)
        return copy
    }

    private static func orderingBranches(_ steps: [Step]) -> [Step] {
        steps.map { step in
            var step = step
            var groups = step.children.map { group in
                var group = group
                group.steps = orderingBranches(group.steps)
                return group
            }
            if step.kind == .parallel {
                var numbered: [Group] = []
                for attempt in Set(groups.map(\.attempt)).sorted() {
                    let branches = groups.filter { $0.attempt == attempt }.sorted {
                        ($0.steps.first?.name ?? "") < ($1.steps.first?.name ?? "")
                    }
                    for (index, branch) in branches.enumerated() {
                        var branch = branch
                        branch.index = index
                        numbered.append(branch)
                    }
                }
                groups = numbered
            }
            step.children = groups
            return step
        }
    }
}
