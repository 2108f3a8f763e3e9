/// A state's type as Step Functions writes it: the ASL `Type` field and the first word of its
/// history events (`MapStateEntered`). Map and Parallel hold iterations or branches.
/// Not `ExpressibleByStringLiteral` here: a typo ("Paralel") would compile as `.other`. Tests get
/// that conversion from TestSupport.
public enum StateKind: Hashable, Sendable, CustomStringConvertible {
    case task, choice, map, parallel, pass, wait, succeed, fail
    /// A type this version does not know: kept, shown as AWS wrote it.
    case other(String)

    /// Every state type the history names, in the order event types are matched against them.
    public static let known: [StateKind] = [.task, .pass, .choice, .wait, .succeed, .fail, .map, .parallel]

    public init(rawValue: String) {
        switch rawValue {
        case "Task": self = .task
        case "Choice": self = .choice
        case "Map": self = .map
        case "Parallel": self = .parallel
        case "Pass": self = .pass
        case "Wait": self = .wait
        case "Succeed": self = .succeed
        case "Fail": self = .fail
        default: self = .other(rawValue)
        }
    }

    public var rawValue: String {
        switch self {
        case .task: return "Task"
        case .choice: return "Choice"
        case .map: return "Map"
        case .parallel: return "Parallel"
        case .pass: return "Pass"
        case .wait: return "Wait"
        case .succeed: return "Succeed"
        case .fail: return "Fail"
        case .other(let text): return text
        }
    }

    /// Map and Parallel: states whose attempts start iterations or branches.
    public var holdsGroups: Bool { self == .map || self == .parallel }

    public var description: String { rawValue }
}
