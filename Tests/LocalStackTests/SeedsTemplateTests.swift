import AWSClient
import Foundation
import LocalStack
import Testing

/// The seeds' CloudFormation template, read without an engine: every function's source inline,
/// every `${…}` of both ASL files substituted, the environment the original functions read.
@Suite struct SeedsTemplateTests {
    static func template() throws -> JSONValue { try JSONValue.parse(try SeedsTemplate.body()) }

    static func resources() throws -> [(String, JSONValue)] {
        try #require(try template()["Resources"]?.objectMembers)
    }

    @Test func everyFunctionIsInlinePythonWithTheOriginalsEnvironment() throws {
        let functions = try Self.resources().filter { $0.1["Type"]?.stringValue == "AWS::Lambda::Function" }
        #expect(functions.map(\.0).sorted() == SeedsTemplate.functions.map(\.logicalId).sorted())
        for (id, function) in functions {
            let properties = try #require(function["Properties"])
            let code = try #require(properties["Code"]?["ZipFile"]?.stringValue, "\(id)")
            #expect(code.contains("def handler(event, context):"), "\(id)")
            let variables = try #require(properties["Environment"]?["Variables"]?.objectMembers, "\(id)")
            let names = Set(variables.map(\.0))
            #expect(names.isSuperset(of: ["ORDER_TABLE", "TOPIC_ARN"]), "\(id)")
            #expect(names.contains("STATE_MACHINE_ARN") == (id == "PostOrderFunction"), "\(id)")
        }
    }

    @Test func everyPlaceholderOfBothMachinesIsSubstituted() throws {
        let machines = try Self.resources().filter { $0.1["Type"]?.stringValue == "AWS::StepFunctions::StateMachine" }
        #expect(machines.count == 2)
        for (id, machine) in machines {
            let properties = try #require(machine["Properties"])
            let definition = try #require(properties["DefinitionString"]?.stringValue)
            let substituted = Set((properties["DefinitionSubstitutions"]?.objectMembers ?? []).map(\.0))
            let regex = try NSRegularExpression(pattern: #"\$\{([A-Za-z0-9]+)\}"#)
            let range = NSRange(definition.startIndex..., in: definition)
            let placeholders = Set(
                regex.matches(in: definition, range: range).compactMap {
                    Range($0.range(at: 1), in: definition).map { String(definition[$0]) }
                })
            #expect(!placeholders.isEmpty && placeholders == substituted, "\(id)")
            #expect(properties["LoggingConfiguration"]?["Level"]?.stringValue == "ALL", "\(id)")
        }
    }

    @Test func theQueueTriggersPostOrder() throws {
        let mapping = try #require(
            try Self.resources().first { $0.1["Type"]?.stringValue == "AWS::Lambda::EventSourceMapping" }?.1)
        #expect(mapping["Properties"]?["FunctionName"]?["Ref"]?.stringValue == "PostOrderFunction")
        #expect(
            mapping["Properties"]?["EventSourceArn"]?["Fn::GetAtt"] == .array([.string("OrderQueue"), .string("Arn")]))
    }
}
