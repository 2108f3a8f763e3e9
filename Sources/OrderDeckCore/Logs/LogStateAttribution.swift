import AWSClient

/// Which state — and which Map iteration — each vended log record belongs to, for every event
/// type, not only the `…StateEntered`/`…StateExited` records that carry a name: a `TaskSucceeded`
/// says nothing of its state, but its `previous_event_id` chain leads to the one it belongs to,
/// as the history view attributes events. Records are taken as they arrive (a live tail); one
/// whose chain is not known yet keeps what it carries.
public struct LogStateAttribution: Sendable {
    struct Label: Sendable, Hashable {
        var state: String?
        var group: String?
    }

    /// Per execution: event id → where it belongs; and the group each state was last entered in.
    private var labels: [String: [Int: Label]] = [:]
    private var enteredIn: [String: [String: String?]] = [:]
    /// Per execution: the Map and Parallel states entered and not yet exited, innermost last.
    private var openContainers: [String: [(kind: StateKind, name: String)]] = [:]
    private var count = 0
    /// Past this many remembered events everything is forgotten (a tail holds 20,000 lines).
    static let memory = 200_000

    public init() {}

    /// "ReserveStock · iteration 2", "CompleteOrder", or nil when nothing says.
    public mutating func label(for record: VendedLogEvent) -> String? {
        if count > Self.memory {
            labels = [:]
            enteredIn = [:]
            openContainers = [:]
            count = 0
        }
        let arn = record.executionArn
        let event = record.event
        let previous = labels[arn]?[event.previousEventId]
        let label: Label
        if event.type == "MapIterationStarted", let index = event.details["index"].flatMap(Self.integer) {
            label = Label(state: event.stateName ?? previous?.state, group: "iteration \(index)")
        } else if event.type.hasSuffix("StateEntered") {
            label = Label(state: event.stateName, group: previous?.group)
            if let name = event.stateName {
                enteredIn[arn, default: [:]][name] = previous?.group
                if let kind = Self.containerKind(event.type) { openContainers[arn, default: []].append((kind, name)) }
            }
        } else if event.type.hasSuffix("StateExited"), let name = event.stateName {
            if Self.containerKind(event.type) != nil,
                let open = openContainers[arn]?.lastIndex(where: { $0.name == name })
            {
                openContainers[arn]?.remove(at: open)
            }
            // Its chain runs through the state's own iterations: the group it was entered in counts.
            label = Label(state: name, group: enteredIn[arn]?[name] ?? nil)
        } else if Self.isStateLevel(event.type), let previous {
            // MapStateSucceeded follows its last iteration's events (ParallelStateSucceeded its
            // last branch's): it belongs to the innermost open Map (Parallel), in the group that
            // state itself was entered in — not to the branch task its chain comes from.
            let kind = Self.containerKind(event.type)
            let owner = openContainers[arn]?.last { $0.kind == kind }?.name
            let state = event.stateName ?? owner ?? previous.state
            label = Label(state: state, group: state.flatMap { enteredIn[arn]?[$0] ?? nil })
        } else if let previous {
            label = Label(state: event.stateName ?? previous.state, group: previous.group)
        } else {
            label = Label(state: event.stateName, group: nil)
        }
        labels[arn, default: [:]][event.id] = label
        count += 1
        return Self.text(label)
    }

    /// A Map's or Parallel's own events (started, succeeded, failed, aborted), not an iteration's.
    static func isStateLevel(_ type: String) -> Bool {
        (type.hasPrefix("MapState") || type.hasPrefix("ParallelState")) && !type.hasSuffix("Entered")
            && !type.hasSuffix("Exited")
    }

    /// Map or Parallel for their events (`MapStateSucceeded`, `ParallelStateEntered`…), nil for others.
    static func containerKind(_ type: String) -> StateKind? {
        [StateKind.map, .parallel].first { type.hasPrefix($0.rawValue) }
    }

    static func text(_ label: Label) -> String? {
        guard let state = label.state else { return label.group }
        return label.group.map { "\(state) · \($0)" } ?? state
    }

    static func integer(_ value: JSONValue) -> Int? {
        switch value {
        case .number(let text), .string(let text): return Int(text)
        default: return nil
        }
    }
}
