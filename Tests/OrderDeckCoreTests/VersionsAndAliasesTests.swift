import AWSClient
import AWSServices
import Foundation
import OrderDeckCore
import TestSupport
import Testing

/// Versions and aliases (issue 27): the ARNs typed, ListExecutions' ARN built from the machine's,
/// what ran read from each place the API says it — checked against botocore's model.
@Suite struct VersionsAndAliasesTests {
    static let machine = "arn:aws:states:us-east-1:123456789012:stateMachine:OrderWorkflow"

    @Test func theArnsAreTyped() throws {
        let version = try #require(StateMachineVersionARN("\(Self.machine):7"))
        #expect(version.number == 7 && version.machineArn == Self.machine)
        let alias = try #require(StateMachineAliasARN("\(Self.machine):prod"))
        #expect(alias.name == "prod" && alias.machineArn == Self.machine)
        // Each refuses the other's ARN, and the machine's own.
        #expect(
            StateMachineVersionARN("\(Self.machine):prod") == nil && StateMachineAliasARN("\(Self.machine):7") == nil)
        #expect(StateMachineVersionARN(Self.machine) == nil && StateMachineAliasARN(Self.machine) == nil)
        #expect(StateMachineQualifier.version(7).arn(machineArn: Self.machine) == "\(Self.machine):7")
        #expect(StateMachineQualifier.alias("prod").arn(machineArn: Self.machine) == "\(Self.machine):prod")
        #expect(StateMachineQualifier.problem(aliasName: "prod") == nil)
        #expect(StateMachineQualifier.problem(aliasName: "12")?.contains("--version 12") == true)
        #expect(StateMachineQualifier.problem(aliasName: "a b") != nil)
    }

    /// The fields exist where OrderDeck reads them, by botocore's model.
    @Test func theFieldsAreTheServiceModels() async throws {
        let describe = try await SharedFixtures.operationShape("stepfunctions", "DescribeExecution")
        #expect(describe.output.contains("stateMachineVersionArn") && describe.output.contains("stateMachineAliasArn"))
        let list = try await SharedFixtures.operationShape("stepfunctions", "ListExecutions")
        #expect(list.input.contains("stateMachineArn"))
        let forExecution = try await SharedFixtures.operationShape("stepfunctions", "DescribeStateMachineForExecution")
        #expect(forExecution.output.contains("definition"))
    }

    @Test func whatRanIsReadFromEachAnswer() throws {
        let item = #"""
            {"executionArn":"arn:aws:states:us-east-1:123456789012:execution:OrderWorkflow:o-1",
             "stateMachineArn":"\#(Self.machine)","name":"o-1","status":"SUCCEEDED","startDate":1790000000.5,
             "stateMachineVersionArn":"\#(Self.machine):7","stateMachineAliasArn":"\#(Self.machine):prod"}
            """#
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        let listed = Execution(
            listItem: try decoder.decode(StepFunctions.ExecutionListItem.self, from: Data(item.utf8)),
            machineName: "OrderWorkflow")
        #expect(listed.versionText == "7 via prod" && listed.versionSentence == "version 7 via alias prod")
        #expect(StateMachineQualifier.version(7).matches(listed) && StateMachineQualifier.alias("prod").matches(listed))
        #expect(!StateMachineQualifier.version(6).matches(listed))
        let described = Execution(
            described: try decoder.decode(StepFunctions.DescribeExecutionOutput.self, from: Data(item.utf8)),
            machineName: "OrderWorkflow")
        #expect(described.version == listed.version && described.alias == listed.alias)

        // From the history alone: ExecutionStarted names them too.
        let started = ExecutionEvent(
            id: 1, previousEventId: 0, type: "ExecutionStarted", timestamp: Date(timeIntervalSince1970: 1_790_000_000),
            details: .object([("input", .string("{}")), ("stateMachineVersionArn", .string("\(Self.machine):3"))]))
        let fromHistory = Execution(standardHistory: [started], arn: listed.arn)
        #expect(fromHistory.versionText == "3" && fromHistory.versionSentence == "version 3")
        #expect(Execution(standardHistory: [], arn: listed.arn).versionSentence == nil)

        #expect(Execution.qualifier(filterTerm: "version:7") == .version(7))
        #expect(Execution.qualifier(filterTerm: "alias:prod") == .alias("prod"))
        #expect(Execution.qualifier(filterTerm: "prod") == nil)
    }

    /// `executions --alias prod` through the transport seam (LocalStack 2026.3.0 cannot start an
    /// execution through an alias, moto cannot either): ListExecutions is asked with the alias's
    /// ARN, built from the machine's, and its answer — written from botocore's
    /// ExecutionListItem — is read as the version and alias that ran.
    @Test func listingByAliasAsksForTheAliasArn() async throws {
        let model = try await SharedFixtures.operationShape("stepfunctions", "ListExecutions")
        #expect(model.output.contains("executions"))
        let answer = #"""
            {"executions":[{"executionArn":"arn:aws:states:us-east-1:123456789012:execution:OrderWorkflow:o-9",
              "stateMachineArn":"\#(Self.machine)","name":"o-9","status":"RUNNING","startDate":1790000000.5,
              "stateMachineVersionArn":"\#(Self.machine):7","stateMachineAliasArn":"\#(Self.machine):prod"}]}
            """#
        let transport = ScriptedTransport { _, _ in
            HTTPResponse(
                status: 200, headers: [("Content-Type", "application/x-amz-json-1.0")], body: Array(answer.utf8))
        }
        let client = TestAWS.client(endpoint: "http://127.0.0.1:9", transport: transport)
        let config = StackConfig(
            name: "prod", region: "us-east-1", endpointURL: "http://127.0.0.1:9", stateMachines: [Self.machine],
            staticCredentials: MotoFixture.testCredentials)
        let store = ExecutionStore(session: StackSession(config: config, client: client))
        var listed: [Execution] = []
        try await store.forEachPage(
            listing: MachineListing(name: "OrderWorkflow", arn: Self.machine, type: .standard),
            qualifier: .alias("prod")
        ) { page in
            listed += page
            return true
        }
        let request = try #require(transport.requests.first)
        let body = try JSONValue.parse(request.body)
        #expect(body["stateMachineArn"]?.stringValue == "\(Self.machine):prod")
        #expect(listed.map(\.versionText) == ["7 via prod"])

        // An Express machine is not listed by alias: its executions come from logs, which do not say.
        await #expect(throws: CoreError.self) {
            try await store.forEachPage(
                listing: MachineListing(name: "Fast", arn: Self.machine + "Fast", type: .express),
                qualifier: .alias("prod")
            ) { _ in true }
        }
    }

    @Test func expressMachinesAreNotListedByVersion() {
        let standard = MachineListing(name: "A", arn: Self.machine, type: .standard)
        let express = MachineListing(name: "B", arn: Self.machine + "B", type: .express)
        let split = ExecutionStore.listable([standard, express], qualifier: .version(1))
        #expect(split.listed == [standard] && split.skipped == [express])
        #expect(ExecutionStore.listable([standard, express], qualifier: nil).listed.count == 2)
    }
}
