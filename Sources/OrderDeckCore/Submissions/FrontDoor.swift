import Foundation

/// Where an order enters the order system. The seeds were written with more than one: the API
/// Gateway endpoint whose integration calls StartExecution, an AppSync mutation that puts the
/// order on an SQS queue, the queue itself, whose `post_order` Lambda starts the execution (the
/// message id becomes the order id and the execution's name), and StartExecution on the Standard
/// machine directly, as a script or a colleague would.
public enum FrontDoor: String, Sendable, Codable, CaseIterable, Hashable {
    case api
    case appsync
    case queue
    case execution

    /// The doors a stack has, in the order an operator reaches for them: the API when it is
    /// configured, the AppSync mutation and the queue when they are known, and StartExecution
    /// always (it needs only the Standard machine).
    public static func available(in config: StackConfig) -> [FrontDoor] {
        var doors: [FrontDoor] = []
        if config.api != nil { doors.append(.api) }
        if config.graphQL != nil { doors.append(.appsync) }
        if config.queueURL != nil { doors.append(.queue) }
        doors.append(.execution)
        return doors
    }

    /// The door a submission goes through when none is asked for.
    public static func preferred(in config: StackConfig) -> FrontDoor { available(in: config)[0] }

    /// Whether the door names the order itself: through the queue (and AppSync, which sends to it)
    /// the order's id is the SQS message id, known only once sent; an accepted one cannot be sent
    /// again as the same order.
    public var assignsTheOrderId: Bool { self == .queue || self == .appsync }

    /// How the door is named on screen and in the journal listing.
    public var label: String {
        switch self {
        case .api: "API"
        case .appsync: "AppSync"
        case .queue: "queue"
        case .execution: "StartExecution"
        }
    }

    /// Why a stack cannot take an order through this door, or nil when it can.
    public func unavailableReason(in config: StackConfig) -> String? {
        switch self {
        case .api:
            config.api == nil
                ? "stack \(config.name) has no API endpoint configured ([stacks.\(config.name).api] url)" : nil
        case .appsync:
            config.graphQL == nil
                ? "stack \(config.name) has no AppSync API configured (appsync_url and appsync_api_key_env)" : nil
        case .queue:
            config.queueURL == nil
                ? "stack \(config.name) has no order queue configured (queue_url; 'orderdeck init --discover' finds it from the event source mapping of the function that starts the machine)"
                : nil
        case .execution: nil
        }
    }
}
