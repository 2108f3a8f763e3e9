/// Which version of its machine an execution ran, and through which alias — as each view says it.
extension Execution {
    /// The version and alias ARNs the API gives (DescribeExecution, ListExecutions,
    /// `ExecutionStarted`), typed; an ARN of the wrong kind is dropped, not shown as another.
    mutating func setRevision(version: String?, alias: String?) {
        self.version = version.flatMap(StateMachineVersionARN.init)
        self.alias = alias.flatMap(StateMachineAliasARN.init)
    }

    /// The VERSION column: "7", "7 via prod", "via prod" (an alias whose version is not said);
    /// empty for the machine's latest definition.
    public var versionText: String {
        switch (version, alias) {
        case (let version?, let alias?): return "\(version.number) via \(alias.name)"
        case (let version?, nil): return String(version.number)
        case (nil, let alias?): return "via \(alias.name)"
        case (nil, nil): return ""
        }
    }

    /// "version 7 via alias prod", "version 7", "alias prod"; nil when it ran the latest definition
    /// (no version published, or started by the machine's unqualified ARN).
    public var versionSentence: String? {
        switch (version, alias) {
        case (let version?, let alias?): return "version \(version.number) via alias \(alias.name)"
        case (let version?, nil): return "version \(version.number)"
        case (nil, let alias?): return "alias \(alias.name)"
        case (nil, nil): return nil
        }
    }

    /// A `version:7` or `alias:prod` term of a filter, or nil when `term` is not one.
    public static func qualifier(filterTerm term: String) -> StateMachineQualifier? {
        let lowered = term.lowercased()
        for prefix in ["version:", "v:"] where lowered.hasPrefix(prefix) {
            return Int(term.dropFirst(prefix.count)).map { .version($0) }
        }
        if lowered.hasPrefix("alias:") {
            let name = String(term.dropFirst("alias:".count))
            return name.isEmpty ? nil : .alias(name)
        }
        return nil
    }
}
