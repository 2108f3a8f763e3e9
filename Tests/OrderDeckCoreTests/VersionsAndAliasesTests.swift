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

    @Test func expressMachinesAreNotListedByVersion() {
        let standard = MachineListing(name: "A", arn: Self.machine, type: .standard)
        let express = MachineListing(name: "B", arn: Self.machine + "B", type: .express)
        let split = ExecutionStore.listable([standard, express], qualifier: .version(1))
        #expect(split.listed == [standard] && split.skipped == [express])
        #expect(ExecutionStore.listable([standard, express], qualifier: nil).listed.count == 2)
    }
}
