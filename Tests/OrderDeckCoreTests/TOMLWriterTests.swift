import Foundation
import OrderDeckCore
import TOMLKit
import Testing

/// `config init`'s one TOML writer: whatever a value holds (quotes, backslashes, newlines, escape
/// bytes, a `]` or a `#`), the file reads back — through `ConfigFile`, which parses with TOMLKit
/// after its own strict check — as exactly what was written, and no value adds a line of its own.
/// (NUL is left out: TOMLKit hands strings over as C strings, so one ends there whoever wrote it.)
@Suite struct TOMLWriterTests {
    static let hostile = [
        "plain", "with \"quotes\"", #"back\slash\"#, "line\nbreak", "carriage\r\nreturn", "tab\there",
        "escape \u{1B}]2;title\u{07}", "del \u{7F} and bell \u{07}", "# not a comment", "[stacks.evil]",
        "key = \"value\"", "emoji 🧾 and 中文", "trailing \\", "'single'", "\u{1F}\u{0B}\u{0C}\u{08}",
    ]

    @Test func everyValueReadsBackAsWritten() throws {
        for (index, value) in Self.hostile.enumerated() {
            let name = "stack-\(index)"
            var toml = TOMLWriter()
            toml.comment("written for \(value)")
            toml.set("default_stack", .string(name))
            toml.blankLine()
            toml.table("stacks", name)
            toml.set("profile", .string(value), comment: value)
            toml.set("region", .string(value))
            toml.set("table", .string(value))
            toml.set("state_machines", .strings([value, "second", value]))
            toml.set("readonly", .bool(true))
            toml.blankLine()
            toml.table("stacks", name, "api")
            toml.set("url", .string("http://127.0.0.1/" + value))
            let file = try ConfigFile(path: "hostile.toml", text: toml.text)
            let stack = try file.stack(named: nil)
            #expect(stack.name == name)
            #expect(stack.profile == value && stack.region == value && stack.tableName == value, "\(toml.text)")
            #expect(stack.stateMachines == [value, "second", value])
            #expect(stack.readOnly)
            #expect(stack.api?.url == "http://127.0.0.1/" + value)
            let lines = toml.text.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(
                lines.filter { !$0.hasPrefix("# ") && !$0.isEmpty }.count == 9, "no value adds a line: \(toml.text)")
            let root = try TOMLTable(string: toml.text)
            #expect(root["stacks"]?.table?[name]?.table?["profile"]?.string == value)
        }
    }

    @Test func tableNamesThatAreNotBareKeysAreQuoted() throws {
        for name in ["my stack", "prod.eu", "a\"b", "ünïcode", "x]y", "line\nbreak"] {
            var toml = TOMLWriter()
            toml.set("default_stack", .string(name))
            toml.table("stacks", name)
            toml.set("table", .string("T"))
            toml.set(name, .bool(true))
            let root = try TOMLTable(string: toml.text)
            #expect(root["default_stack"]?.string == name)
            let stack = root["stacks"]?.table?[name]?.table
            #expect(stack?["table"]?.string == "T" && stack?[name]?.bool == true, "\(toml.text)")
        }
        #expect(TOMLWriter.key("local-aws-cli_2") == "local-aws-cli_2")
        #expect(TOMLWriter.key("") == "\"\"")
    }

    @Test func theStackWritersEscapeEveryValue() throws {
        let value = "a\"b\\c\nd"
        let local = StackConfigWriter.local(
            region: value, endpointURL: "http://127.0.0.1:9", table: value, machines: [value],
            apiURL: "http://127.0.0.1:9/main/orders", apiKey: value)
        let stack = try ConfigFile(path: "local.toml", text: local).stack(named: nil)
        #expect(stack.name == StackConfigWriter.localStackName)
        #expect(stack.region == value && stack.tableName == value && stack.stateMachines == [value])
        #expect(stack.api?.apiKey == value)

        let outputs = [
            "TableName": value, "OrderWorkflowArn": "arn:1", "SampleArn": "arn:2", "OrderWorkflowLogGroup": "/g/1",
            "SampleLogGroup": "/g/2", "ApiUrl": "https://abc.execute-api.us-east-1.amazonaws.com/main/orders",
            "RequireApiKey": "true",
        ]
        let name = "order-system-2"
        let deployed = try StackConfigWriter.fromStackOutputs(
            name: name, outputs: outputs, region: "eu-west-1", profile: value, endpointURL: nil)
        let parsed = try ConfigFile(path: "deployed.toml", text: deployed).stack(named: nil)
        #expect(parsed.name == name && parsed.profile == value && parsed.tableName == value)
        #expect(parsed.stateMachines == ["arn:1", "arn:2"] && parsed.logGroups == ["/g/1", "/g/2"])
        #expect(parsed.api?.apiKeyEnvironment == "ORDERDECK_API_KEY")
        #expect(deployed.contains(#"api_key_env = "ORDERDECK_API_KEY"   # aws apigateway get-api-keys"#))

        #expect(throws: StackConfigWriter.MissingOutput.self) {
            try StackConfigWriter.fromStackOutputs(
                name: "x", outputs: [:], region: "eu-west-1", profile: nil, endpointURL: nil)
        }
    }
}
