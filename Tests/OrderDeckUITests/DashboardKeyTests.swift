import AWSClient
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
        #expect(state.visibleOrders.count == 40)
        _ = state.handle(.character("/"), height: 24)
        for character in "bob" { _ = state.handle(.character(character), height: 24) }
        #expect(state.visibleOrders.count == 10)
        #expect(state.visibleOrders.allSatisfy { $0.userId == "bob" })
        _ = state.handle(.escape, height: 24)
        #expect(state.visibleOrders.count == 40)
        // A regular expression works too.
        _ = state.handle(.character("/"), height: 24)
        for character in "^(alice|carol)$" { _ = state.handle(.character(character), height: 24) }
        _ = state.handle(.enter, height: 24)
        #expect(state.visibleOrders.count == 20)
    }

    @Test func sortingCyclesColumnsAndDirection() {
        var state = FixedData.state(screen: .orders)
        _ = state.handle(.character("s"), height: 24)
        #expect(state.orderSort == .id)
        let ids = state.visibleOrders.map(\.id)
        #expect(ids == ids.sorted(by: >))
        _ = state.handle(.character("S"), height: 24)
        #expect(state.visibleOrders.map(\.id) == ids.sorted())
    }

    @Test func enterOpensTheOrdersExecutionAndJumpsWork() {
        var state = FixedData.state(screen: .orders)
        _ = state.handle(.down, height: 24)
        let order = state.visibleOrders[1]
        let effects = state.handle(.enter, height: 24)
        #expect(state.screen == .detail)
        #expect(effects == [.watchDetail(order.executionArn!)])
        // l: its log lines; esc back to the detail; o: its order row; y copies the ARN.
        _ = state.handle(.character("l"), height: 24)
        #expect(state.screen == .logs)
        #expect(state.logsExecution == order.executionArn)
        _ = state.handle(.escape, height: 24)
        #expect(state.screen == .detail)
        #expect(state.handle(.character("y"), height: 24) == [.copy(order.executionArn!)])
        let back = state.handle(.character("o"), height: 24)
        #expect(back == [.stopWatching])
        #expect(state.screen == .orders)
        #expect(state.visibleOrders[state.ordersTable.selected].id == order.id)
    }

    @Test func scrollingAHundredThousandOrdersIsVirtual() {
        var state = FixedData.state(screen: .orders)
        state.apply(.orders(FixedData.orders(100_000), moreAvailable: false, loading: false))
        _ = state.handle(.end, height: 50)
        #expect(state.ordersTable.selected == 99_999)
        var requested = 0
        var buffer = ScreenBuffer(width: 120, height: 50)
        // The orders table at a 50-row screen: 45 rows under its header (what `handle` assumed).
        state.ordersTable.render(
            into: &buffer, x: 0, y: 0, width: 120, height: 46,
            row: { index in
                requested += 1
                return [String(index)]
            })
        #expect(requested == 45)
        #expect(buffer.line(45).hasPrefix("99999"))
    }

    @Test func readOnlyRefusesToSubmit() {
        var state = DashboardState(
            stack: .init(
                name: "prod", region: "eu-west-1", endpoint: "https://x", profile: "prod", isLocal: false,
                readOnly: true))
        #expect(state.handle(.character("4"), height: 24).isEmpty)
        #expect(state.screen == .orders)
        #expect(state.status?.contains("read-only") == true)
        var buffer = ScreenBuffer(width: 80, height: 24)
        DashboardView.render(state, into: &buffer)
        #expect(buffer.line(0).contains("READ-ONLY"))
        #expect(!buffer.line(1).contains("Submit"))
    }

    @Test func submitSendsTheEditedTemplateWithAFreshId() throws {
        var state = FixedData.state(screen: .orders)
        _ = state.handle(.character("4"), height: 24)
        let amountIndex = try #require(state.submitFields.firstIndex { $0.0 == "amount" })
        for _ in 0..<amountIndex { _ = state.handle(.down, height: 24) }
        _ = state.handle(.enter, height: 24)
        for _ in 0..<5 { _ = state.handle(.backspace, height: 24) }
        for character in "99.95" { _ = state.handle(.character(character), height: 24) }
        _ = state.handle(.enter, height: 24)
        let effects = state.handle(.character("s"), height: 24)
        guard case .submit(let order)? = effects.first else {
            Issue.record("no submit effect: \(effects)")
            return
        }
        #expect(order["amount"] == .number("99.95"))
        #expect(order["id"]?.stringValue?.count == 36)
        // A bad number is refused with a message, the template unchanged.
        _ = state.handle(.enter, height: 24)
        _ = state.handle(.character("x"), height: 24)
        _ = state.handle(.enter, height: 24)
        #expect(state.statusIsError)
    }

    @Test func theTemplateIsEditedAsJSONAndValidated() throws {
        var state = FixedData.state(screen: .orders)
        _ = state.handle(.character("4"), height: 24)
        let effects = state.handle(.character("E"), height: 24)
        guard case .editTemplate(let text)? = effects.first else {
            Issue.record("no edit effect: \(effects)")
            return
        }
        #expect(try JSONValue.parse(text) == state.template)
        state.applyEditedTemplate(#"{"user_id":"zoe","items":[{"sku":"PEN-100","quantity":3}],"amount":267.00}"#)
        #expect(state.template["items"]?.description == #"[{"sku":"PEN-100","quantity":3}]"#)
        #expect(state.status == "template updated")
        state.applyEditedTemplate(#"{"user_id": "zoe", "amount": }"#)
        #expect(state.statusIsError)
        #expect(state.status?.hasPrefix("template not changed: invalid JSON at byte") == true)
        #expect(state.template["user_id"]?.stringValue == "zoe")
        state.applyEditedTemplate("[1,2]")
        #expect(state.status == "template not changed: it must be a JSON object")
    }

    @Test func logsFollowPauseAndSearch() {
        var state = FixedData.state(screen: .logs)
        #expect(!state.logsPaused)
        #expect(state.logsTable.selected == state.visibleLogs.count - 1)
        _ = state.handle(.character("p"), height: 24)
        #expect(state.logsPaused)
        _ = state.handle(.character("/"), height: 24)
        for character in "ExecutionFailed" { _ = state.handle(.character(character), height: 24) }
        _ = state.handle(.enter, height: 24)
        #expect(state.visibleLogs[state.logsTable.selected].record?.event.type == "ExecutionFailed")
        let before = state.visibleLogs.count
        state.apply(.logs([FixedData.logEvents[0]]))
        #expect(state.visibleLogs.count == before + 1)
        // Paused: the selection stays put.
        #expect(state.visibleLogs[state.logsTable.selected].record?.event.type == "ExecutionFailed")
    }

    @Test func commandPaletteSwitchesScreens() {
        var state = FixedData.state(screen: .orders)
        _ = state.handle(.character(":"), height: 24)
        for character in "executions" { _ = state.handle(.character(character), height: 24) }
        _ = state.handle(.enter, height: 24)
        #expect(state.screen == .executions)
        _ = state.handle(.character(":"), height: 24)
        for character in "machine sample" { _ = state.handle(.character(character), height: 24) }
        _ = state.handle(.enter, height: 24)
        #expect(state.currentMachine?.name == "sample")
        _ = state.handle(.character(":"), height: 24)
        _ = state.handle(.character("x"), height: 24)
        _ = state.handle(.enter, height: 24)
        #expect(state.status?.hasPrefix("unknown command") == true)
        #expect(state.handle(.character("q"), height: 24) == [.quit])
    }

    @Test func problemsShowInOneLineAndTheScreenKeepsWorking() {
        var state = FixedData.state(screen: .orders)
        state.apply(.problem("CloudWatch Logs FilterLogEvents: ThrottlingException (HTTP 400): Rate exceeded"))
        state.apply(.refreshState("throttled, backing off 8 s"))
        var buffer = ScreenBuffer(width: 80, height: 24)
        DashboardView.render(state, into: &buffer)
        #expect(buffer.line(23).hasPrefix("CloudWatch Logs FilterLogEvents: ThrottlingException"))
        #expect(buffer.line(0).contains("throttled, backing off 8 s"))
        _ = state.handle(.down, height: 24)
        #expect(state.ordersTable.selected == 1)
    }

    @Test func aFailedRefreshShowsAndClearsItselfWhenRefreshingWorksAgain() {
        var state = FixedData.state(screen: .orders)
        state.apply(.problem("Could not reach 127.0.0.1:5000 (connection refused)"))
        #expect(state.statusIsError && state.refreshState.hasPrefix("failing"))
        var buffer = ScreenBuffer(width: 100, height: 24)
        DashboardView.render(state, into: &buffer)
        #expect(buffer.line(23).contains("connection refused"))
        #expect(buffer.line(0).contains("failing, retrying"))
        // The operator keeps working meanwhile.
        _ = state.handle(.character("2"), height: 24)
        #expect(state.screen == .executions)
        state.apply(.refreshState("live"))
        #expect(!state.statusIsError)
        #expect(state.status == "recovered: refreshing again")
        #expect(state.refreshState == "live")
        // A user-caused message is not cleared by a refresh.
        _ = state.handle(.character("1"), height: 24)
        state.status = "read-only: submitting orders is disabled for this stack"
        state.statusIsError = true
        state.apply(.refreshState("live"))
        #expect(state.statusIsError)
    }

    @Test func stackCommandListsSwitchesAndRefusesUnknownStacks() {
        var state = FixedData.state(screen: .orders)
        state.stackNames = ["local", "prod", "staging"]
        func command(_ text: String) -> [DashboardState.Effect] {
            _ = state.handle(.character(":"), height: 24)
            for character in text { _ = state.handle(.character(character), height: 24) }
            return state.handle(.enter, height: 24)
        }
        #expect(command("stack").isEmpty)
        #expect(state.status == "stacks: prod, staging (now: local)")
        #expect(command("stack staging") == [.switchStack("staging")])
        #expect(command("stack nope").isEmpty)
        #expect(state.statusIsError && state.status?.contains("known: prod, staging") == true)
        #expect(command("stack local").isEmpty)
        #expect(state.status == "already on stack local")
    }
}
