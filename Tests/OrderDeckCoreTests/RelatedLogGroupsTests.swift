import AWSClient
import AWSServices
import Foundation
import OrderDeckCore
import TestSupport
import Testing

/// Issue 28's one stream across log groups: beside the machines' vended groups, the API stage's
/// execution log group and the groups of the Lambda functions the definitions invoke — those that
/// exist (a missing one would fail every round of the tail).
@Suite struct RelatedLogGroupsTests {
    @Test func theAPIStagesExecutionLogGroupIsNamedFromItsURL() {
        #expect(
            RelatedLogGroups.apiExecutionGroup(
                url: "https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod/orders")
                == "API-Gateway-Execution-Logs_a1b2c3d4e5/prod")
        #expect(RelatedLogGroups.apiExecutionGroup(url: "http://127.0.0.1:4010/main/orders") == nil)
        #expect(RelatedLogGroups.apiExecutionGroup(url: "https://orders.example.com/prod") == nil)
    }

    /// The order system as written (seed 001): four Lambda tasks, one invoked by ARN, the others
    /// through lambda:invoke (with a qualifier, by name, under JSONata's Arguments), one inside a
    /// Parallel branch, one by a path only the execution knows.
    static let definition = """
        {"StartAt":"InitializeOrder","States":{
          "InitializeOrder":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:InitializeOrder","Next":"Pay"},
          "Pay":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"arn:aws:lambda:us-east-1:123456789012:function:ProcessPayment:$LATEST","Payload.$":"$"},"Next":"Both"},
          "Both":{"Type":"Parallel","Branches":[
            {"StartAt":"Complete","States":{"Complete":{"Type":"Task","QueryLanguage":"JSONata","Resource":"arn:aws:states:::lambda:invoke","Arguments":{"FunctionName":"CompleteOrder"},"End":true}}},
            {"StartAt":"Dynamic","States":{"Dynamic":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName.$":"$.fn"},"End":true}}}
          ],"Next":"Cancel"},
          "Cancel":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"CancelFailedOrder"},"Next":"Put"},
          "Put":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:putItem","Parameters":{"TableName":"ORDER"},"End":true}
        }}
        """

    @Test func theLambdaFunctionsADefinitionInvokesNameTheirGroups() {
        #expect(
            RelatedLogGroups.lambdaGroups(definition: Self.definition) == [
                "/aws/lambda/InitializeOrder", "/aws/lambda/ProcessPayment", "/aws/lambda/CompleteOrder",
                "/aws/lambda/CancelFailedOrder",
            ])
        #expect(RelatedLogGroups.lambdaGroups(definition: "not json").isEmpty)
    }

    /// Against moto: a machine invoking two functions, of which only one has a log group; the
    /// session tails the machine's own group and that one, in that order.
    @Test func theSessionTailsTheRelatedGroupsThatExist() async throws {
        let moto = try await MotoFixture.shared.instance(.plain)
        let client = TestAWS.client(endpoint: moto.endpoint)
        let logs = CloudWatchLogsClient(client: client)
        let suffix = UUID().uuidString.prefix(8)
        let vended = "/aws/vendedlogs/states/related-\(suffix)"
        try await logs.createLogGroup(vended)
        try await logs.createLogGroup("/aws/lambda/InitializeOrder-\(suffix)")
        let definition = Self.definition.replacingOccurrences(
            of: "function:InitializeOrder\"", with: "function:InitializeOrder-\(suffix)\"")
        let states = StepFunctionsClient(client: client)
        let created = try await states.createStateMachine(
            .init(
                name: "Related-\(suffix)", definition: definition,
                roleArn: "arn:aws:iam::123456789012:role/states",
                loggingConfiguration: .init(
                    level: "ALL", includeExecutionData: true,
                    logGroupArns: ["arn:aws:logs:us-east-1:123456789012:log-group:\(vended):*"])))
        let config = StackConfig(
            name: "related", region: "us-east-1", endpointURL: moto.endpoint, stateMachines: [created.stateMachineArn],
            staticCredentials: MotoFixture.testCredentials)
        let session = StackSession(config: config, client: client)
        #expect(try await session.logGroups() == [vended, "/aws/lambda/InitializeOrder-\(suffix)"])
    }
}
