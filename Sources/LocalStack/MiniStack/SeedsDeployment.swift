import AWSClient
import AWSServices
import Foundation

/// The seeds' systems deployed through CloudFormation (`SeedsTemplate`), and what an operator
/// needs of them: the stack's outputs, read back by name.
public struct SeedsDeployment: Sendable, Equatable {
    public static let defaultStackName = "seeds"

    public var stackName: String
    public var outputs: [String: String]

    public var tableName: String { outputs["TableName", default: "ORDER"] }
    public var topicArn: String { outputs["TopicArn", default: ""] }
    public var queueUrl: String { outputs["QueueUrl", default: ""] }
    public var orderWorkflowArn: String { outputs["OrderWorkflowArn", default: ""] }
    public var sampleArn: String { outputs["SampleArn", default: ""] }
    /// The AppSync API's id and key (the `postOrder` mutation's front door).
    public var graphQLApiId: String { outputs["GraphQLApiId", default: ""] }
    public var graphQLApiKey: String { outputs["GraphQLApiKey", default: ""] }

    /// Where MiniStack answers the API's GraphQL requests (its path form: the API's own
    /// `*.appsync-api.*` host name does not resolve here).
    public func graphQLURL(engine endpoint: String) -> String { "\(endpoint)/v1/apis/\(graphQLApiId)/graphql" }
    /// Both machines as OrderDeck's companions take them (`VendedLogDelivery` writes their vended
    /// logs: MiniStack stores a logging configuration but writes nothing).
    public var machines: [ProvisionedStack.Machine] {
        [
            ProvisionedStack.Machine(
                name: SeedsTemplate.orderMachineName, arn: orderWorkflowArn, type: "STANDARD",
                logGroupName: SeedsTemplate.logGroup(SeedsTemplate.orderMachineName), apiResource: "orders"),
            ProvisionedStack.Machine(
                name: SeedsTemplate.webhookMachineName, arn: sampleArn, type: "EXPRESS",
                logGroupName: SeedsTemplate.logGroup(SeedsTemplate.webhookMachineName), apiResource: "webhook"),
        ]
    }
    public var logGroups: [String] {
        [
            SeedsTemplate.logGroup(SeedsTemplate.orderMachineName),
            SeedsTemplate.logGroup(SeedsTemplate.webhookMachineName),
        ]
    }

    /// CreateStack once (a retried CreateStack could make a second stack on an emulator that
    /// ignores the client token), then DescribeStacks until it is complete (~0.5 s on MiniStack).
    public static func deploy(
        client: AWSClient, engine endpoint: String, stackName: String = defaultStackName,
        timeout: Duration = .seconds(120),
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws -> SeedsDeployment {
        let cloudFormation = CloudFormationClient(client: client)
        let stackId = try await cloudFormation.createStack(
            name: stackName, templateBody: try SeedsTemplate.body(environment: environment),
            parameters: [SeedsTemplate.engineEndpointParameter: endpoint])
        let followed = stackId.isEmpty ? stackName : stackId
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let stack = try await cloudFormation.describeStack(name: followed)
            if stack.status == "CREATE_COMPLETE" {
                let deployment = SeedsDeployment(stackName: stackName, outputs: stack.outputs)
                try await deployment.restoreLogging(StepFunctionsClient(client: client))
                return deployment
            }
            if stack.status.contains("FAILED") || stack.status.contains("ROLLBACK") {
                throw LocalStackError.provisioning("stack \(stackName) \(stack.status) \(stack.statusReason ?? "")")
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw LocalStackError.provisioning("stack \(stackName) not created within \(timeout)")
    }

    /// MiniStack keeps a template's `LoggingConfiguration` as CloudFormation spells it, and then
    /// DescribeStateMachine answers `{}`: OrderDeck would find no log group for either machine. Set
    /// again through UpdateStateMachine where it is missing (nothing changes where it is not).
    func restoreLogging(_ states: StepFunctionsClient) async throws {
        let machines = [
            (orderWorkflowArn, SeedsTemplate.orderMachineName), (sampleArn, SeedsTemplate.webhookMachineName),
        ]
        for (arn, name) in machines {
            let described = try await states.describeStateMachine(arn)
            guard described.loggingConfiguration?.logGroupNames.isEmpty ?? true else { continue }
            // arn:aws:states:REGION:ACCOUNT:stateMachine:NAME
            let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count > 5 else { continue }
            let group = "arn:aws:logs:\(parts[3]):\(parts[4]):log-group:\(SeedsTemplate.logGroup(name)):*"
            _ = try await states.updateStateMachine(
                .init(
                    stateMachineArn: arn,
                    loggingConfiguration: .init(level: "ALL", includeExecutionData: true, logGroupArns: [group])))
        }
    }
}
