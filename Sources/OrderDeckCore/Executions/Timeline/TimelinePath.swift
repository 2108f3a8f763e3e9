/// A way into a timeline's Map iterations and Parallel branches, as `history --drill` takes it:
/// `MapState` (its iterations), `MapState:3` (iteration 3's states), `Outer:2/Inner:0` (nested),
/// `MapState:0@2` (iteration 0 of the second attempt; the latest attempt otherwise).
public struct TimelinePath: Sendable, Hashable, CustomStringConvertible {
    public struct Hop: Sendable, Hashable {
        public var state: String
        public var index: Int?
        public var attempt: Int?
    }

    public var hops: [Hop]

    public enum Target: Sendable {
        /// A Map's iterations or a Parallel's branches.
        case groups(Timeline.Step)
        /// One iteration's or branch's states.
        case group(Timeline.Step, Timeline.Group)
    }

    public init(hops: [Hop]) { self.hops = hops }

    public init(parsing text: String) throws {
        var hops: [Hop] = []
        for part in text.split(separator: "/", omittingEmptySubsequences: true) {
            let pieces = part.split(separator: ":", maxSplits: 1)
            var hop = Hop(state: String(pieces[0]))
            if pieces.count == 2 {
                let numbers = pieces[1].split(separator: "@", maxSplits: 1)
                guard let index = Int(numbers[0]), index >= 0 else {
                    throw CoreError.invalidInput("'\(part)': after ':' comes an iteration or branch number")
                }
                hop.index = index
                if numbers.count == 2 {
                    guard let attempt = Int(numbers[1]), attempt >= 1 else {
                        throw CoreError.invalidInput("'\(part)': after '@' comes an attempt number (from 1)")
                    }
                    hop.attempt = attempt
                }
            }
            hops.append(hop)
        }
        guard !hops.isEmpty else { throw CoreError.invalidInput("name a Map or Parallel state to drill into") }
        self.hops = hops
    }

    public var description: String {
        hops.map { hop in
            hop.state + (hop.index.map { ":\($0)" } ?? "") + (hop.attempt.map { "@\($0)" } ?? "")
        }.joined(separator: "/")
    }

    /// What the path leads to, or an error that lists what is there instead.
    public func resolve(in timeline: Timeline) throws -> Target {
        var steps = timeline.steps
        var target: Target?
        for (position, hop) in hops.enumerated() {
            let containers = steps.filter(\.kind.holdsGroups)
            // A state that ran more than once (a loop) is drilled into at its latest run.
            guard let step = steps.last(where: { $0.name == hop.state && $0.hasChildren }) else {
                let names = Set(containers.filter(\.hasChildren).map(\.name)).sorted()
                let here =
                    names.isEmpty ? "no Map or Parallel state with iterations here" : names.joined(separator: ", ")
                throw CoreError.invalidInput("no Map or Parallel state '\(hop.state)' to drill into (\(here))")
            }
            guard let index = hop.index else {
                guard position == hops.count - 1 else {
                    throw CoreError.invalidInput("'\(hop.state)': say which iteration or branch (\(hop.state):N)")
                }
                return .groups(step)
            }
            let attempt = hop.attempt ?? (step.children.map(\.attempt).max() ?? 1)
            guard let group = step.children.first(where: { $0.index == index && $0.attempt == attempt }) else {
                let indices = step.children.filter { $0.attempt == attempt }.map(\.index)
                let range = indices.isEmpty ? "none" : "\(indices.min() ?? 0)–\(indices.max() ?? 0)"
                throw CoreError.invalidInput(
                    "\(step.name) has no \(step.kind == .map ? "iteration" : "branch") \(index) in attempt \(attempt) (\(range))"
                )
            }
            target = .group(step, group)
            steps = group.steps
        }
        guard let target else { throw CoreError.invalidInput("name a Map or Parallel state to drill into") }
        return target
    }
}
