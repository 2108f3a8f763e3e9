import AWSClient
import Foundation
import OrderDeckCore
import Testing

@Suite struct ConfigFileTests {
    static var example: String {
        get throws {
            let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent()
                .appendingPathComponent("config/orderdeck.example.toml")
            return try String(contentsOf: url, encoding: .utf8)
        }
    }

    @Test func theCommentedExampleParses() throws {
        let file = try ConfigFile(path: "orderdeck.example.toml", text: try Self.example)
        #expect(file.defaultStack == "local-aws-cli")
        let prod = try file.stack(named: "prod")
        #expect(prod.profile == "prod")
        #expect(prod.readOnly)
        #expect(prod.stateMachines == ["OrderWorkflow", "sample"])
        #expect(prod.api?.auth == .iam)
        let staging = try file.stack(named: "staging")
        #expect(staging.api?.auth == .apiKey)
        #expect(staging.api?.apiKeyEnvironment == "ORDERDECK_STAGING_API_KEY")
        #expect(staging.orderTemplate?["user_id"]?.stringValue == "smoke_test")
        #expect(try file.stack(named: nil).name == "local-aws-cli")
    }

    @Test func errorsNameFileLineAndKey() {
        let cases: [(String, String)] = [
            (
                "[stacks.a]\nstate_machines = [\"x\"]\nregoin = \"eu-west-1\"\n",
                "c.toml:3: stacks.a.regoin: unknown key"
            ),
            ("[stacks.a]\nstate_machines = \"x\"\n", "c.toml:2: stacks.a.state_machines: must be an array of strings"),
            (
                "[stacks.a]\nregion = \"eu-west-1\"\n",
                "c.toml: stacks.a.state_machines: list at least one state machine"
            ),
            (
                "[stacks.a]\nstate_machines = [\"x\"]\n[stacks.a.api]\nurl = \"ftp://x\"\n",
                "c.toml:4: stacks.a.api.url: must be an http(s) URL"
            ),
            (
                "[stacks.a]\nstate_machines = [\"x\"]\n[stacks.a.api]\nurl = \"https://x\"\nauth = \"oauth\"\n",
                "c.toml:5: stacks.a.api.auth: must be one of none, api_key, iam"
            ),
            ("default_stack = \"b\"\n[stacks.a]\nstate_machines = [\"x\"]\n", "c.toml:1: default_stack: names 'b'"),
            ("[stacks.a\nstate_machines = 1\n", "c.toml:1: malformed table header [stacks.a"),
            ("[stacks.a]\nstate_machines = [\"x\"\n", "c.toml:2: unterminated array"),
            (
                "[stacks.a]\nstate_machines = [\"x\"]\nreadonly = \"yes\"\n",
                "c.toml:3: stacks.a.readonly: must be true or false"
            ),
        ]
        for (text, expected) in cases {
            #expect {
                _ = try ConfigFile(path: "c.toml", text: text)
            } throws: { error in
                String(describing: error).hasPrefix(expected)
            }
        }
    }

    /// `mouse` and `order_window` are stack keys (the first was refused as unknown until this test).
    @Test func dashboardSettingsParse() throws {
        let file = try ConfigFile(
            path: "c.toml", text: "[stacks.a]\nstate_machines = [\"x\"]\nmouse = true\norder_window = 2500\n")
        let stack = try file.stack(named: "a")
        #expect(stack.mouse && stack.orderWindow == 2500)
        #expect(
            try ConfigFile(path: "c.toml", text: "[stacks.a]\nstate_machines = [\"x\"]\n").stack(named: "a").orderWindow
                == StackConfig.defaultOrderWindow)
        #expect {
            _ = try ConfigFile(path: "c.toml", text: "[stacks.a]\nstate_machines = [\"x\"]\norder_window = 5\n")
        } throws: { String(describing: $0).hasPrefix("c.toml:3: stacks.a.order_window: must be a number of orders") }
    }

    @Test func severalStacksNeedAChoice() throws {
        let file = try ConfigFile(
            path: "c.toml", text: "[stacks.a]\nstate_machines = [\"x\"]\n[stacks.b]\nstate_machines = [\"y\"]\n")
        #expect(throws: ConfigFile.Problem.self) { _ = try file.stack(named: nil) }
        #expect(try file.stack(named: "b").stateMachines == ["y"])
        #expect { _ = try file.stack(named: "c") } throws: {
            String(describing: $0).contains("no stack named 'c' (have: a, b)")
        }
    }
}
