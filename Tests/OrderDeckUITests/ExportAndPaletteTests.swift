import Foundation
import OrderDeckCore
import OrderDeckUI
import TerminalUI
import TestSupport
import Testing

/// ctrl-s saves what is on screen; the `:` palette completes with tab and lists valid names.
@Suite struct ExportAndPaletteTests {
    @Test func exportingTheVisibleOrdersAsCSVAndTheTimelineAsJSONLines() async throws {
        let folder = try TemporaryDirectory("export")
        defer { folder.remove() }
        let harness = DashboardHarness(width: 120, height: 40)
        await harness.settle()
        harness.press(.control("s"))
        let proposed = try #require(harness.state.prompt?.text)
        // In the export folder, said in full (not the current directory).
        #expect(proposed.hasPrefix("~/.local/share/orderdeck/exports/orderdeck-orders-") && proposed.hasSuffix(".csv"))
        // Only the CANCELLED ones: what is on screen is what is saved.
        harness.press(.escape, .character("f"))
        while harness.state.orders.statusFilter != "CANCELLED" { harness.press(.character("f")) }
        let shown = harness.state.orders.visible.count
        harness.press(.control("s"), .control("u"))
        harness.type(folder.path + "/orders.csv")
        harness.press(.enter)
        #expect(harness.state.visibleNote?.text == "exported \(shown) orders to \(folder.path)/orders.csv")
        let csv = try String(contentsOfFile: folder.path + "/orders.csv", encoding: .utf8)
        let lines = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        // The keys in the order `orders --output json` writes them.
        #expect(lines.first == "id,user_id,status,createdAt,updatedAt,amount,currency,executionArn")
        #expect(lines.count == shown + 1)
        #expect(lines.dropFirst().allSatisfy { $0.split(separator: ",")[2] == "CANCELLED" })
        // JSON lines: amounts are numbers, as `orders --output json` writes them.
        harness.press(.control("s"), .control("u"))
        harness.type(folder.path + "/nested/orders.jsonl")
        harness.press(.enter)
        let first = try JSONValue.parse(
            String(
                try String(contentsOfFile: folder.path + "/nested/orders.jsonl", encoding: .utf8).split(
                    separator: "\n")[0]))
        if case .number = first["amount"] {} else { Issue.record("amount is not a number: \(first)") }
        #expect(
            first.objectMembers?.map(\.0) == [
                "id", "user_id", "status", "createdAt", "updatedAt", "amount", "currency", "executionArn",
            ])

        harness.press(.character("2"), .enter)
        await harness.waitFor { $0.state.execution.execution != nil }
        harness.press(.control("s"), .control("u"))
        harness.type(folder.path + "/timeline.jsonl")
        harness.press(.enter)
        let steps = harness.state.execution.timeline.steps
        #expect(harness.state.visibleNote?.text == "exported \(steps.count) states to \(folder.path)/timeline.jsonl")
        let records = try String(contentsOfFile: folder.path + "/timeline.jsonl", encoding: .utf8)
            .split(separator: "\n").map { try JSONValue.parse(String($0)) }
        #expect(records.map { $0["state"]?.stringValue } == steps.map(\.name))
        #expect(records.first?["outcome"]?.stringValue == steps.first?.outcome.rawValue)

        harness.press(.control("s"), .control("u"))
        harness.type(folder.path + "/x.txt")
        harness.press(.enter)
        #expect(harness.state.visibleNote?.text == "export: name a .csv or .jsonl file")
    }

    /// Found by a new operator: `~` in the proposed path was the account's home, not `$HOME`, and
    /// the file was 0644. `~` is the operator's home, and the export is the owner's alone.
    @Test func theProposedPathIsUnderTheOperatorsHomeAndTheFileIsTheirsAlone() async throws {
        let home = try TemporaryDirectory("export-home")
        defer { home.remove() }
        let harness = DashboardHarness(width: 120, height: 40) { $0.homeDirectory = home.path }
        await harness.settle()
        harness.press(.control("s"))
        let proposed = try #require(harness.state.prompt?.text)
        #expect(proposed.hasPrefix("~/.local/share/orderdeck/exports/"))
        harness.press(.enter)
        let written = home.path + proposed.dropFirst()
        #expect(
            harness.state.visibleNote?.text.hasSuffix(" to \(written)") == true,
            "\(harness.state.visibleNote?.text ?? "")")
        let attributes = try FileManager.default.attributesOfItem(atPath: written)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(try String(contentsOfFile: written, encoding: .utf8).hasPrefix("id,user_id,"))
    }

    /// An empty XDG variable counts as unset (the XDG rule): never a path at the filesystem root.
    @Test func emptyXDGVariablesCountAsUnset() {
        let environment = ["HOME": "/home/op", "XDG_DATA_HOME": "", "XDG_CONFIG_HOME": "", "XDG_STATE_HOME": ""]
        #expect(ExportTable.directory(environment: environment) == "~/.local/share/orderdeck/exports")
        #expect(StackResolver.defaultConfigFile(environment: environment) == "/home/op/.config/orderdeck/config.toml")
        #expect(
            SubmissionJournal.defaultPath(environment: environment)
                == "/home/op/.local/state/orderdeck/submissions.jsonl")
        #expect(
            SubmissionJournal.defaultPath(environment: environment.merging(["ORDERDECK_STATE_DIR": ""]) { $1 })
                == "/home/op/.local/state/orderdeck/submissions.jsonl")
    }

    @Test func csvQuotesWhatWouldBreakAColumn() {
        let table = ExportTable(
            what: "x", headers: ["a", "b"], rows: [["plain", "with, comma and \"quote\"\nnewline"]])
        #expect(table.text(.csv) == "a,b\r\nplain,\"with, comma and \"\"quote\"\"\nnewline\"\r\n")
        #expect(table.text(.jsonl) == #"{"a":"plain","b":"with, comma and \"quote\"\nnewline"}"# + "\n")
    }

    @Test func tabCompletesCommandsAndNames() async throws {
        let harness = DashboardHarness(width: 120, height: 40)
        await harness.settle()
        harness.press(.character(":"))
        harness.type("ex")
        harness.press(.tab)
        #expect(harness.state.prompt?.text == "executions")
        harness.press(.control("u"))
        harness.type("o")
        harness.press(.tab)
        // overview and orders: as far as they agree, and the note lists both.
        #expect(harness.state.prompt?.text == "o")
        #expect(harness.state.visibleNote?.text == "overview  orders")
        harness.press(.control("u"))
        harness.type("ma")
        harness.press(.tab)
        #expect(harness.state.prompt?.text == "machine ")
        harness.type("s")
        harness.press(.tab)
        #expect(harness.state.prompt?.text == "machine sample")
        harness.press(.enter)
        #expect(harness.state.screen == .executions && harness.state.executions.currentMachine?.name == "sample")

        harness.press(.character(":"))
        harness.type("machine nope")
        harness.press(.enter)
        #expect(harness.state.visibleNote?.text == "no machine 'nope' (known: OrderWorkflow, sample)")
    }
}
