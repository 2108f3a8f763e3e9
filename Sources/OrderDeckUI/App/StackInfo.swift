/// The stack the dashboard shows, for the header.
public struct StackInfo: Sendable, Equatable {
    public var name: String
    public var region: String
    public var endpoint: String
    public var profile: String?
    public var isLocal: Bool
    public var readOnly: Bool

    public init(name: String, region: String, endpoint: String, profile: String?, isLocal: Bool, readOnly: Bool) {
        self.name = name
        self.region = region
        self.endpoint = endpoint
        self.profile = profile
        self.isLocal = isLocal
        self.readOnly = readOnly
    }
}
