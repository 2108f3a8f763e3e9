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
}
