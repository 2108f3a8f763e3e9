import AWSClient
import AWSServices
import Foundation
import Logging

/// Creates (or brings up to date) the order system through our own AWS client: table, topic,
/// execution role, vended log groups and state machines. Running it twice changes nothing.
public struct Provisioner: Sendable {
    public let client: AWSClient
    public let definition: StackDefinition
    public let environment: [String: String]

    public init(
        client: AWSClient, definition: StackDefinition,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        self.client = client
        self.definition = definition
        self.environment = environment
    }

    public func provision() async throws -> ProvisionedStack {
        let dynamo = DynamoDBClient(client: client)
        let states = StepFunctionsClient(client: client)
        let logs = CloudWatchLogsClient(client: client)

        let table = OrderTableSchema.createTableInput(definition.tableName)
        do {
            _ = try await dynamo.createTable(table)
        } catch let error as AWSServiceError where error.isAlreadyExists {
            // A table made before it had a stream (a stack still up from an older version) gets
            // one: the dashboard follows the orders' changes through it.
            let existing = try await dynamo.describeTable(definition.tableName)
            if existing.LatestStreamArn == nil || existing.StreamSpecification?.StreamEnabled != true {
                _ = try await dynamo.updateTable(
                    .init(TableName: definition.tableName, StreamSpecification: table.StreamSpecification))
            }
        }

        let topicArn = try await SNSClient(client: client).createTopic(name: definition.topicName)
        let role = try await IAMClient(client: client).createRole(
            name: "orderdeck-local-states",
            assumeRolePolicy:
                #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"states.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#
        )

        let existing = try await states.listStateMachines().collect().flatMap { $0 }
        var machines: [ProvisionedStack.Machine] = []
        for machine in definition.stateMachines {
            do {
                try await logs.createLogGroup(machine.logGroupName)
            } catch let error as AWSServiceError where error.isAlreadyExists {}
            let template = try ProjectFiles.read(machine.definition, environment: environment)
            let asl = try StackDefinition.substitute(
                template, ["OrderTableName": definition.tableName, "TopicArn": topicArn], file: machine.definition)
            let logGroupArn = "arn:aws:logs:\(definition.region):123456789012:log-group:\(machine.logGroupName):*"
            let logging = StepFunctions.LoggingConfiguration(
                level: machine.logLevel, includeExecutionData: machine.includeExecutionData, logGroupArns: [logGroupArn]
            )
            let arn: String
            if let found = existing.first(where: { $0.name == machine.name }) {
                arn = found.stateMachineArn
                _ = try await states.updateStateMachine(
                    .init(stateMachineArn: arn, definition: asl, roleArn: role.arn, loggingConfiguration: logging))
            } else {
                arn = try await states.createStateMachine(
                    .init(
                        name: machine.name, definition: asl, roleArn: role.arn, type: machine.type,
                        loggingConfiguration: logging)
                ).stateMachineArn
            }
            machines.append(
                .init(
                    name: machine.name, arn: arn, type: machine.type, logGroupName: machine.logGroupName,
                    apiResource: machine.apiResource))
        }
        return ProvisionedStack(
            region: definition.region, tableName: definition.tableName, topicArn: topicArn, roleArn: role.arn,
            machines: machines)
    }
}
