/// Which engine the local stack runs on: moto with the order system expressed through direct
/// service integrations (`orderdeck local up`), or MiniStack with the seeds' systems as their
/// authors wrote them, Lambda functions and the SQS front door included (`local up --seeds`).
public enum LocalEngine: String, Codable, Sendable, Equatable {
    case moto
    case ministack

    public var displayName: String {
        switch self {
        case .moto: "moto"
        case .ministack: "MiniStack"
        }
    }

    /// What the stack holds on this engine, as `local status` says it.
    public var system: String {
        switch self {
        case .moto: "the order system (direct integrations)"
        case .ministack: "the seeds' systems as written (Lambda functions, SQS front door)"
        }
    }

    /// The path that answers 200 while the engine is up.
    var healthPath: String {
        switch self {
        case .moto: "/moto-api/"
        case .ministack: "/_ministack/health"
        }
    }
}
