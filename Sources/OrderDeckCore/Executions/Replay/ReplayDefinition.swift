import AWSClient

/// The definition an execution ran, made fit to replay on a local engine: what could make the
/// replay take another path or wait for nothing is pinned or shortened, and each change is said.
///
/// - Map iterations run one at a time, so each iteration gets its own recorded answers (mocked
///   answers are handed out per state in call order).
/// - Wait states wait 0 s; Retry intervals are 1 s with no backoff or jitter.
/// - A Pass state built on randomness (`States.MathRandom`, `States.UUID`, JSONata's `$random`,
///   `$uuid`, `$now`, `$millis`) becomes a Task answered from the recording, so the replay rolls
///   what the original rolled (the order workflow's ProcessPayment decides the path that way).
public struct ReplayDefinition: Sendable {
    /// The rewritten definition, as JSON text for CreateStateMachine.
    public var text: String
    /// Every Task state, at any depth (each gets an answer, recorded or "no recording").
    public var taskStates: Set<String>
    /// Pass states turned into answered Tasks: name → the path their answer is placed at (nil:
    /// the answer is the state's whole output).
    public var pinnedPasses: [String: String?]
    /// What was changed, one line each.
    public var changes: [String]

    /// The resource every Task (and pinned Pass) runs as: a stand-in function that is never
    /// invoked — the mock answers first. One kind of resource for all, because LocalStack passes
    /// a mocked error through unchanged only on Lambda tasks (its DynamoDB integration turns
    /// every mocked error into an empty `DynamoDB.AmazonDynamoDBException`), and Catch and Retry
    /// must see the error the original saw.
    static let standInResource = "arn:aws:lambda:us-east-1:000000000000:function:orderdeck-replay"

    /// `pinnable`: the Pass states the recording holds outputs for (one never entered keeps
    /// running for real — a Pass touches nothing).
    public init(definition: String, pinnable: Set<String>) throws {
        guard let parsed = try? JSONValue.parse(definition) else {
            throw CoreError.invalidInput("the definition is not JSON")
        }
        guard parsed["States"] != nil else {
            throw CoreError.invalidInput("the definition is not a state machine (no States)")
        }
        if let problem = Self.danglingTransition(in: parsed) { throw CoreError.invalidInput(problem) }
        var rewriter = Rewriter(pinnable: pinnable)
        let language = parsed["QueryLanguage"]?.stringValue ?? "JSONPath"
        let rewritten = rewriter.machine(parsed, language: language)
        text = rewritten.description
        taskStates = rewriter.tasks
        pinnedPasses = rewriter.pinned
        var changes: [String] = []
        if !rewriter.tasks.isEmpty {
            changes.append("every Task answers what it answered in the original; no service is called")
        }
        if !rewriter.maps.isEmpty {
            changes.append("Map iterations run one at a time (\(rewriter.maps.sorted().joined(separator: ", ")))")
        }
        if !rewriter.waits.isEmpty {
            changes.append("Wait states wait 0 s (\(rewriter.waits.sorted().joined(separator: ", ")))")
        }
        if !rewriter.retried.isEmpty {
            changes.append("Retry intervals are 1 s (\(rewriter.retried.sorted().joined(separator: ", ")))")
        }
        for name in rewriter.pinned.keys.sorted() {
            changes.append("\(name) (a Pass built on randomness) is answered from the recording")
        }
        for name in rewriter.distributed.sorted() {
            changes.append("\(name) is a distributed Map: its child executions run inline on the engine")
        }
        self.changes = changes
    }

    /// A transition to a state that is not there (StartAt, Next, Default, a Choice rule's or a
    /// Catch's Next), each checked in its own scope: AWS refuses such a definition, LocalStack
    /// runs it and fails without a word, so it is refused here, naming the state and the target.
    static func danglingTransition(in machine: JSONValue) -> String? {
        guard let states = machine["States"]?.objectMembers else { return "a States object is missing" }
        let names = Set(states.map(\.0))
        if let start = machine["StartAt"]?.stringValue, !names.contains(start) {
            return "StartAt names '\(start)', which is not a state here (\(names.sorted().joined(separator: ", ")))"
        }
        for (name, state) in states {
            var targets: [String] = []
            for key in ["Next", "Default"] { if let next = state[key]?.stringValue { targets.append(next) } }
            for key in ["Choices", "Catch"] {
                guard case .array(let rules)? = state[key] else { continue }
                targets += rules.compactMap { $0["Next"]?.stringValue }
            }
            if let missing = targets.first(where: { !names.contains($0) }) {
                return "\(name) goes to '\(missing)', which is not a state here"
            }
            for key in ["ItemProcessor", "Iterator"] {
                if let inner = state[key], let problem = danglingTransition(in: inner) { return problem }
            }
            if case .array(let branches)? = state["Branches"] {
                for branch in branches { if let problem = danglingTransition(in: branch) { return problem } }
            }
        }
        return nil
    }

    private struct Rewriter {
        let pinnable: Set<String>
        var tasks: Set<String> = []
        var pinned: [String: String?] = [:]
        var maps: Set<String> = []
        var waits: Set<String> = []
        var retried: Set<String> = []
        var distributed: Set<String> = []

        static let randomMarkers = ["States.MathRandom", "States.UUID", "$random(", "$uuid(", "$now(", "$millis("]

        mutating func machine(_ machine: JSONValue, language: String) -> JSONValue {
            guard var members = machine.objectMembers else { return machine }
            for index in members.indices where members[index].0 == "States" {
                members[index].1 = states(members[index].1, language: language)
            }
            return .object(members)
        }

        mutating func states(_ states: JSONValue, language: String) -> JSONValue {
            guard let members = states.objectMembers else { return states }
            return .object(members.map { name, state in (name, self.state(name, state, language: language)) })
        }

        mutating func state(_ name: String, _ state: JSONValue, language outer: String) -> JSONValue {
            guard var members = state.objectMembers, let type = state["Type"]?.stringValue else { return state }
            let language = state["QueryLanguage"]?.stringValue ?? outer
            func set(_ key: String, _ value: JSONValue?) {
                members.removeAll { $0.0 == key }
                if let value { members.append((key, value)) }
            }
            switch StateKind(rawValue: type) {
            case .task:
                tasks.insert(name)
                set("Resource", .string(ReplayDefinition.standInResource))
            case .wait:
                for key in ["Seconds", "SecondsPath", "Timestamp", "TimestampPath"] { set(key, nil) }
                set("Seconds", .number("0"))
                waits.insert(name)
            case .map:
                set("MaxConcurrencyPath", nil)
                set("MaxConcurrency", .number("1"))
                maps.insert(name)
                for key in ["ItemProcessor", "Iterator"] {
                    guard let processor = state[key] else { continue }
                    if processor["ProcessorConfig"]?["Mode"]?.stringValue == "DISTRIBUTED" { distributed.insert(name) }
                    let inner = processor["QueryLanguage"]?.stringValue ?? language
                    set(key, machine(processor, language: inner))
                }
            case .parallel:
                if let branches = state["Branches"], case .array(let list) = branches {
                    set("Branches", .array(list.map { machine($0, language: language) }))
                }
            case .pass where pinnable.contains(name) && Self.isRandom(state):
                tasks.insert(name)
                pinned[name] = Self.answerPath(state, language: language)
                for key in ["Parameters", "Result", "InputPath", "Arguments", "Output"] { set(key, nil) }
                set("Type", .string(StateKind.task.rawValue))
                set("Resource", .string(ReplayDefinition.standInResource))
                if pinned[name] == .some(nil) {
                    set("OutputPath", nil)
                    if language != "JSONata" { set("ResultPath", .string("$")) }
                }
            default: break
            }
            if let retry = state["Retry"], case .array(let retriers) = retry {
                set("Retry", .array(retriers.map(Self.quickRetrier)))
                retried.insert(name)
            }
            return .object(members)
        }

        static func isRandom(_ state: JSONValue) -> Bool {
            let text = state.description
            return randomMarkers.contains { text.contains($0) }
        }

        /// Where a pinned Pass's answer goes: a plain `ResultPath` with no `OutputPath` keeps the
        /// answer as the state's result (so `--task` takes just the result); otherwise the whole
        /// recorded output is the answer.
        static func answerPath(_ state: JSONValue, language: String) -> String? {
            guard language != "JSONata", state["OutputPath"] == nil || state["OutputPath"] == .string("$") else {
                return nil
            }
            guard let path = state["ResultPath"] else { return "$" }
            guard let text = path.stringValue, ResultPathValue(text) != nil else { return nil }
            return text
        }

        static func quickRetrier(_ retrier: JSONValue) -> JSONValue {
            guard var members = retrier.objectMembers else { return retrier }
            members.removeAll {
                ["IntervalSeconds", "BackoffRate", "MaxDelaySeconds", "JitterStrategy"].contains($0.0)
            }
            members.append(("IntervalSeconds", .number("1")))
            members.append(("BackoffRate", .number("1")))
            return .object(members)
        }
    }
}

/// A plain reference path (`$`, `$.payment`, `$.a.b`): what a pinned Pass's answer can be read
/// from and placed at.
struct ResultPathValue {
    var fields: [String]

    init?(_ text: String) {
        guard text == "$" || text.hasPrefix("$.") else { return nil }
        let parts = text.dropFirst(2).split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard text == "$" || parts.allSatisfy({ !$0.isEmpty && !$0.contains("[") && !$0.contains("'") }) else {
            return nil
        }
        fields = text == "$" ? [] : parts
    }

    /// The value at this path in `document`.
    func value(in document: JSONValue) -> JSONValue? {
        var current: JSONValue? = document
        for field in fields { current = current?[field] }
        return current
    }
}
