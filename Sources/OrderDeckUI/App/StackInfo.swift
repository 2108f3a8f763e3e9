import OrderDeckCore

/// The stack the dashboard shows, for the header.
public struct StackInfo: Sendable, Equatable {
    public var name: String
    public var region: String
    public var endpoint: String
    public var profile: String?
    public var isLocal: Bool
    public var readOnly: Bool
    /// The front doors an order can go through (`FrontDoor.available`), the preferred first.
    public var doors: [FrontDoor]

    public init(
        name: String, region: String, endpoint: String, profile: String?, isLocal: Bool, readOnly: Bool,
        doors: [FrontDoor] = [.api, .execution]
    ) {
        self.name = name
        self.region = region
        self.endpoint = endpoint
        self.profile = profile
        self.isLocal = isLocal
        self.readOnly = readOnly
        self.doors = doors.isEmpty ? [.execution] : doors
    }
}
