import AWSClient

/// How a state's fields are written: JSONPath (paths, intrinsic functions; the default) or
/// JSONata (`{% … %}` expressions, with `Arguments`, `Output` and `Assign`).
/// See https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html
public enum QueryLanguage: String, Sendable, Hashable, CaseIterable {
    case jsonPath = "JSONPath"
    case jsonata = "JSONata"
}

/// The query language of a machine's definition: the top-level `QueryLanguage` (JSONPath when
/// absent) and the states that set their own (a state may; nested states of Map and Parallel too).
public struct MachineQueryLanguages: Sendable, Hashable {
    /// The definition's top-level `QueryLanguage`.
    public var machine: QueryLanguage
    /// States whose own `QueryLanguage` differs from the machine's, by name (names are unique
    /// in a whole definition).
    public var states: [String: QueryLanguage]

    public init(machine: QueryLanguage, states: [String: QueryLanguage] = [:]) {
        self.machine = machine
        self.states = states
    }

    /// Read off a definition (Amazon States Language JSON); nil when it is not one.
    public init?(definition: String) {
        guard let root = try? JSONValue.parse(definition), root["States"] != nil else { return nil }
        let machine = root["QueryLanguage"]?.stringValue.flatMap(QueryLanguage.init(rawValue:)) ?? .jsonPath
        var states: [String: QueryLanguage] = [:]
        func walk(_ container: JSONValue?) {
            for (name, state) in container?["States"]?.objectMembers ?? [] {
                if let own = state["QueryLanguage"]?.stringValue.flatMap(QueryLanguage.init(rawValue:)), own != machine
                {
                    states[name] = own
                }
                walk(state["ItemProcessor"])
                walk(state["Iterator"])
                if case .array(let branches)? = state["Branches"] { branches.forEach(walk) }
            }
        }
        walk(root)
        self.init(machine: machine, states: states)
    }

    /// The language the state called `name` is written in.
    public func language(of name: String) -> QueryLanguage { states[name] ?? machine }

    /// "JSONata", "JSONPath (JSONata in Transform, Route)".
    public var text: String {
        guard !states.isEmpty else { return machine.rawValue }
        var byLanguage: [QueryLanguage: [String]] = [:]
        for (name, language) in states { byLanguage[language, default: []].append(name) }
        let overrides = byLanguage.keys.sorted { $0.rawValue < $1.rawValue }.map { language in
            "\(language.rawValue) in \(byLanguage[language, default: []].sorted().joined(separator: ", "))"
        }
        return "\(machine.rawValue) (\(overrides.joined(separator: "; ")))"
    }
}
