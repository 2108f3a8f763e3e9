import Foundation

/// What provisioning created: names and ARNs the companions and OrderDeck need.
public struct ProvisionedStack: Codable, Sendable, Equatable {
    public struct Machine: Codable, Sendable, Equatable {
        public var name: String
        public var arn: String
        public var type: String
        public var logGroupName: String
        public var apiResource: String

        public var isExpress: Bool { type == "EXPRESS" }

        /// The ARN a Standard execution of this machine named `name` has (the gateway and
        /// `post_order` name executions after the order).
        public func executionArn(named name: String) -> String {
            arn.replacingOccurrences(of: ":stateMachine:", with: ":execution:") + ":" + name
        }
    }

    public var region: String
    public var tableName: String
    public var topicArn: String
    public var roleArn: String
    public var machines: [Machine]

    public func machine(named name: String) -> Machine? { machines.first { $0.name == name } }
    public func machine(forResource resource: String) -> Machine? { machines.first { $0.apiResource == resource } }
    public func machine(arn: String) -> Machine? { machines.first { $0.arn == arn } }
}
