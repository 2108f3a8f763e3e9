/// A published version of a state machine: `arn:aws:states:REGION:ACCOUNT:stateMachine:MACHINE:7`.
/// An execution started through a version (or an alias that points at one) records it; an
/// execution of the machine's latest definition has none.
/// See https://docs.aws.amazon.com/step-functions/latest/dg/concepts-state-machine-version.html
public struct StateMachineVersionARN: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    /// The version number (from 1).
    public let number: Int
    /// The unqualified machine ARN it is a version of.
    public let machineArn: String

    /// Nil when `rawValue` is not a version ARN (no `:stateMachine:`, or no number at its end).
    public init?(_ rawValue: String) {
        guard let (machine, qualifier) = StateMachineQualifier.split(rawValue), let number = Int(qualifier),
            number > 0
        else { return nil }
        self.rawValue = rawValue
        self.number = number
        self.machineArn = machine
    }

    /// Version `number` of the machine `machineArn` (unqualified).
    public init(machineArn: String, number: Int) {
        self.rawValue = "\(machineArn):\(number)"
        self.number = number
        self.machineArn = machineArn
    }

    public var description: String { rawValue }
}

/// An alias of a state machine, routing executions to one or two versions:
/// `arn:aws:states:REGION:ACCOUNT:stateMachine:MACHINE:prod`.
public struct StateMachineAliasARN: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    /// The alias's name (never only digits: that would be a version).
    public let name: String
    /// The unqualified machine ARN it is an alias of.
    public let machineArn: String

    public init?(_ rawValue: String) {
        guard let (machine, qualifier) = StateMachineQualifier.split(rawValue), Int(qualifier) == nil else {
            return nil
        }
        self.rawValue = rawValue
        self.name = qualifier
        self.machineArn = machine
    }

    /// The alias `name` of the machine `machineArn` (unqualified).
    public init(machineArn: String, name: String) {
        self.rawValue = "\(machineArn):\(name)"
        self.name = name
        self.machineArn = machineArn
    }

    public var description: String { rawValue }
}

/// Which executions of a machine to list: those of one version, or those started through one
/// alias. ListExecutions takes the version's or alias's ARN in place of the machine's.
public enum StateMachineQualifier: Hashable, Sendable, CustomStringConvertible {
    case version(Int)
    case alias(String)

    /// The ARN ListExecutions is given for the machine `machineArn` (unqualified).
    public func arn(machineArn: String) -> String {
        switch self {
        case .version(let number): return StateMachineVersionARN(machineArn: machineArn, number: number).rawValue
        case .alias(let name): return StateMachineAliasARN(machineArn: machineArn, name: name).rawValue
        }
    }

    /// Whether an execution ran this version, or was started through this alias.
    public func matches(_ execution: Execution) -> Bool {
        switch self {
        case .version(let number): return execution.version?.number == number
        case .alias(let name): return execution.alias?.name == name
        }
    }

    /// "version 7", "alias prod".
    public var description: String {
        switch self {
        case .version(let number): return "version \(number)"
        case .alias(let name): return "alias \(name)"
        }
    }

    /// What is wrong with an alias name, or nil: letters, digits, `-`, `_`, `.`, not only digits,
    /// at most 80 characters (the API's rule for `CreateStateMachineAlias`).
    public static func problem(aliasName name: String) -> String? {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
        if name.isEmpty || name.count > 80 || !name.allSatisfy(allowed.contains) {
            return "an alias name is 1 to 80 letters, digits, '-', '_' or '.'"
        }
        if Int(name) != nil { return "'\(name)' is a number: that is a version (--version \(name))" }
        return nil
    }

    /// `arn:…:stateMachine:MACHINE:QUALIFIER` → (the machine's ARN, QUALIFIER).
    static func split(_ arn: String) -> (machine: String, qualifier: String)? {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 8, parts[0] == "arn", parts[5] == "stateMachine", !parts[7].isEmpty else { return nil }
        return (parts[..<7].joined(separator: ":"), String(parts[7]))
    }
}
