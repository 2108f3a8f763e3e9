import AWSClient
import Foundation

/// CloudFormation calls (query protocol, XML answers): deploy the seed system and read a deployed
/// stack's outputs to configure OrderDeck for it.
public struct CloudFormationClient: Sendable {
    public let client: AWSClient

    public init(client: AWSClient) { self.client = client }

    public struct Stack: Sendable, Equatable {
        public var name: String
        public var id: String
        public var status: String
        public var statusReason: String?
        public var outputs: [String: String]
        public var parameters: [String: String]
    }

    /// The client token is the same on every retry of this call, so a retried CreateStack whose
    /// first attempt landed after all is the same request to CloudFormation, not a second stack.
    public func createStack(
        name: String, templateBody: String, parameters: [String: String] = [:],
        capabilities: [String] = ["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM"],
        clientRequestToken: String = "orderdeck-\(UUID().uuidString)"
    ) async throws -> String {
        var query: [(String, String)] = [
            ("StackName", name), ("TemplateBody", templateBody), ("ClientRequestToken", clientRequestToken),
        ]
        for (index, (key, value)) in parameters.sorted(by: { $0.key < $1.key }).enumerated() {
            query.append(("Parameters.member.\(index + 1).ParameterKey", key))
            query.append(("Parameters.member.\(index + 1).ParameterValue", value))
        }
        query += QueryParameters.list("Capabilities", capabilities)
        let result = try await client.query(.cloudFormation, "CreateStack", query)
        return result.string("StackId") ?? ""
    }

    public func describeStack(name: String) async throws -> Stack {
        let result = try await client.query(.cloudFormation, "DescribeStacks", [("StackName", name)])
        guard let member = result.child("Stacks")?.children("member").first else {
            throw AWSClientError.invalidResponse(
                service: "CloudFormation", operation: "DescribeStacks", reason: "no stack \(name) in the answer")
        }
        var outputs: [String: String] = [:]
        for output in member.child("Outputs")?.children("member") ?? [] {
            if let key = output.string("OutputKey") { outputs[key] = output.string("OutputValue") ?? "" }
        }
        var parameters: [String: String] = [:]
        for parameter in member.child("Parameters")?.children("member") ?? [] {
            if let key = parameter.string("ParameterKey") { parameters[key] = parameter.string("ParameterValue") ?? "" }
        }
        return Stack(
            name: member.string("StackName") ?? name, id: member.string("StackId") ?? "",
            status: member.string("StackStatus") ?? "",
            statusReason: member.string("StackStatusReason"), outputs: outputs, parameters: parameters)
    }
}
