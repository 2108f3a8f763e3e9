import Foundation
import OrderDeckCore
import OrderDeckUI
import TerminalUI
import Testing

/// Keys change the state as an operator expects, and return the effects only the outside world
/// can carry out.
@Suite struct DashboardKeyTests {
    @Test func filterNarrowsAsYouTypeAndEscapeClearsIt() {
        var state = FixedData.state(screen: .orders)
        #expect(state.orders.visible.count == 40)
        _ = state.handle(.character("/"))
        for character in "bob" { _ = state.handle(.character(character)) }
        #expect(state.orders.visible.count == 10)
        #expect(state.orders.visible.allSatisfy { $0.userId == "bob" })
        _ = state.handle(.escape)
        #expect(state.orders.visible.count == 40)
        // A regular expression works too.
        _ = state.handle(.character("/"))
        for character in "^(alice|carol)$" { _ = state.handle(.character(character)) }
        _ = state.handle(.enter)
        #expect(state.orders.visible.count == 20)
    }

    @Test func sortingCyclesColumnsAndDirection() {
        var state = FixedData.state(screen: .orders)
        _ = state.handle(.character("s"))
        #expect(state.orders.sort == .id)
        let ids = state.orders.visible.map(\.id)
        #expect(ids == ids.sorted(by: >))
        _ = state.handle(.character("S"))
        #expect(state.orders.visible.map(\.id) == ids.sorted())
    }

    @Test func enterOpensTheOrdersExecutionAndJumpsWork() {
        var state = FixedData.state(screen: .orders)
        _ = state.handle(.down)
        let order = state.orders.visible[1]
        let arn = order.executionArn!
        let effects = state.handle(.enter)
        #expect(state.screen == .execution)
        #expect(effects == [.watch(arn)])
        // l: its log lines; esc back to the execution; o: its order row; y copies the ARN.
        _ = state.handle(.character("l"))
        #expect(state.screen == .logs)
        #expect(state.logs.execution == arn)
        _ = state.handle(.escape)
        #expect(state.screen == .execution)
        #expect(state.handle(.character("y")) == [.copy(arn.rawValue)])
        let back = state.handle(.character("o"))
        #expect(back == [.stopWatching])
        #expect(state.screen == .orders)
        #expect(state.orders.selectedOrder?.id == order.id)
    }

    @Test func scrollingAHundredThousandOrdersIsVirtual() {
        var state = FixedData.state(screen: .orders, size: TerminalSize(width: 120, height: 50))
        state.apply(.orders(OrderIndex(FixedData.orders(100_000)), loading: false))
        _ = state.handle(.end)
        #expect(state.orders.table.selected == 99_999)
        // The table shows the list rows of a 50-row layout (44 under its header): only those are asked for.
        let rows = Layout(TerminalSize(width: 120, height: 50)).listRows
        var requested = 0
        var buffer = ScreenBuffer(width: 120, height: 50)
        state.orders.table.render(
            into: &buffer, x: 0, y: 0, width: 120, height: rows + 1,
            row: { index in
                requested += 1
                return [String(index)]
            })
        #expect(requested == rows)
        #expect(buffer.line(rows).hasPrefix("99999"))
    }

    @Test func readOnlyRefusesToSubmit() {
        var state = DashboardState(
            stack: .init(
                name: "prod", region: "eu-west-1", endpoint: "https://x", profile: "prod", isLocal: false,
                readOnly: true))
        #expect(state.handle(.character("4")).isEmpty)
        #expect(state.screen == .orders)
        #expect(state.visibleNote?.text.contains("read-only") == true)
        var buffer = ScreenBuffer(width: 80, height: 24)
        DashboardView.render(state, into: &buffer)
        #expect(buffer.line(0).contains("READ-ONLY"))
        #expect(!buffer.line(1).contains("Submit"))
    }

    @Test func submitSendsTheEditedTemplateWithAFreshId() throws {
        var state = FixedData.state(screen: .orders)
        _ = state.handle(.character("4"))
        let amountIndex = try #require(state.submit.fields.firstIndex { $0.name == "amount" })
        for _ in 0..<amountIndex { _ = state.handle(.down) }
        _ = state.handle(.enter)
        #expect(state.prompt?.label == "amount = ")
        _ = state.handle(.control("u"))
        for character in "99.95" { _ = state.handle(.character(character)) }
        _ = state.handle(.enter)
        let effects = state.handle(.character("s"))
        guard case .submit(let order, _)? = effects.first else {
            Issue.record("no submit effect: \(effects)")
            return
        }
        #expect(order["amount"] == .number("99.95"))
        #expect(order["id"]?.stringValue?.count == 36)
        // A bad number is refused with a note, the template unchanged.
        _ = state.handle(.enter)
        _ = state.handle(.character("x"))
        _ = state.handle(.enter)
        #expect(state.visibleNote?.isError == true)
        #expect(state.submit.template["amount"] == .number("99.95"))
    }

    @Test func theTemplateIsEditedAsJSONAndValidated() throws {
        var state = FixedData.state(screen: .orders)
        _ = state.handle(.character("4"))
        let effects = state.handle(.character("E"))
        guard case .editTemplate(let text)? = effects.first else {
            Issue.record("no edit effect: \(effects)")
            return
        }
        #expect(try JSONValue.parse(text) == state.submit.template)
        state.applyEditedTemplate(#"{"user_id":"zoe","items":[{"sku":"PEN-100","quantity":3}],"amount":267.00}"#)
        #expect(state.submit.template["items"]?.description == #"[{"sku":"PEN-100","quantity":3}]"#)
        #expect(state.visibleNote?.text == "template updated")
        state.applyEditedTemplate(#"{"user_id": "zoe", "amount": }"#)
        #expect(state.visibleNote?.isError == true)
        #expect(state.visibleNote?.text.hasPrefix("template not changed: invalid JSON at byte") == true)
        #expect(state.submit.template["user_id"]?.stringValue == "zoe")
        state.applyEditedTemplate("[1,2]")
        #expect(state.visibleNote?.text == "template not changed: it must be a JSON object")
    }

    @Test func commandPaletteSwitchesScreens() {
        var state = FixedData.state(screen: .orders)
        _ = state.handle(.character(":"))
        for character in "executions" { _ = state.handle(.character(character)) }
        _ = state.handle(.enter)
        #expect(state.screen == .executions)
        _ = state.handle(.character(":"))
        for character in "machine sample" { _ = state.handle(.character(character)) }
        _ = state.handle(.enter)
        #expect(state.executions.currentMachine?.name == "sample")
        _ = state.handle(.character(":"))
        for character in "machine nope" { _ = state.handle(.character(character)) }
        _ = state.handle(.enter)
        #expect(state.visibleNote?.text == "no machine 'nope' (known: OrderWorkflow, sample)")
        _ = state.handle(.character(":"))
        _ = state.handle(.character("x"))
        _ = state.handle(.enter)
        #expect(state.visibleNote?.text.hasPrefix("unknown command") == true)
        #expect(state.handle(.character("q")).isEmpty)
        #expect(state.screen == .orders)
        #expect(state.handle(.character("q")) == [.quit])
    }

    @Test func stackCommandListsSwitchesAndRefusesUnknownStacks() {
        var state = FixedData.state(screen: .orders)
        state.stackNames = ["local", "prod", "staging"]
        func command(_ text: String) -> [Effect] {
            _ = state.handle(.character(":"))
            for character in text { _ = state.handle(.character(character)) }
            return state.handle(.enter)
        }
        #expect(command("stack").isEmpty)
        #expect(state.visibleNote?.text == "stacks: prod, staging (now: local)")
        #expect(command("stack staging") == [.switchStack("staging")])
        #expect(command("stack nope").isEmpty)
        #expect(state.visibleNote?.isError == true && state.visibleNote?.text.contains("known: prod, staging") == true)
        // The same stack is opened again as it is now (a local stack may have moved).
        #expect(command("stack local") == [.switchStack("local")])
        #expect(state.visibleNote?.text == "reopening stack local")
    }
}

/// Small interaction keys: the Orders status filter, prompt editing, search position.
@Suite struct DashboardInteractionTests {
    @Test func fOnOrdersCyclesThroughTheStatusesPresent() {
        var state = FixedData.state(screen: .orders)
        _ = state.handle(.character("f"))
        #expect(state.orders.statusFilter == .cancelled)
        #expect(state.orders.visible.count == 8 && state.orders.visible.allSatisfy { $0.status == .cancelled })
        _ = state.handle(.character("f"))
        #expect(state.orders.statusFilter == .completed && state.orders.visible.count == 24)
        // With a text filter too: both apply.
        _ = state.handle(.character("/"))
        for character in "bob" { _ = state.handle(.character(character)) }
        _ = state.handle(.enter)
        #expect(state.orders.visible.allSatisfy { $0.status == .completed && $0.userId == "bob" })
        var buffer = ScreenBuffer(width: 100, height: 24)
        DashboardView.render(state, into: &buffer)
        #expect(buffer.line(2).contains("only COMPLETED"))
        _ = state.handle(.character("f"))
        _ = state.handle(.character("f"))
        #expect(state.orders.statusFilter == nil)
    }

    @Test func promptsTakeCtrlUAndCtrlW() {
        var state = FixedData.state(screen: .orders)
        _ = state.handle(.character(":"))
        for character in "machine  sample" { _ = state.handle(.character(character)) }
        _ = state.handle(.control("w"))
        #expect(state.prompt?.text == "machine  ", "the word before the cursor goes, as in a shell")
        _ = state.handle(.control("u"))
        #expect(state.prompt?.text == "")
    }

    @Test func searchSaysWhichMatchOfHowMany() {
        var state = FixedData.state(screen: .logs, size: TerminalSize(width: 160, height: 40))
        _ = state.handle(.character("/"))
        for character in "TaskScheduled" { _ = state.handle(.character(character)) }
        _ = state.handle(.enter)
        var buffer = ScreenBuffer(width: 160, height: 40)
        DashboardView.render(state, into: &buffer)
        #expect(buffer.line(2).contains("search TaskScheduled (1 of 3)"), "\(buffer.line(2))")
        _ = state.handle(.character("n"))
        DashboardView.render(state, into: &buffer)
        #expect(buffer.line(2).contains("(2 of 3)"))
    }
}
