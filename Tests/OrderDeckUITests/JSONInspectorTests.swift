import AWSClient
import AWSServices
import Foundation
import OrderDeckCore
import OrderDeckUI
import TerminalUI
import Testing

/// `i` opens the selected thing as foldable JSON; folding, moving and copying behave as in a tree view.
@Suite struct JSONInspectorTests {
    static let document = try! JSONValue.parse(
        #"{"order":{"id":"o-1","items":[{"sku":"MUG","qty":2},{"sku":"TEA","qty":1}],"a.b":{"x":true}},"total":19.98,"note":null}"#
    )

    static func texts(_ inspector: JSONInspector) -> [String] {
        inspector.lines.map { String(repeating: "  ", count: $0.depth) + ($0.key.map { "\($0): " } ?? "") + $0.text }
    }

    @Test func foldingAndUnfolding() {
        var inspector = JSONInspector(title: "t", value: Self.document)
        #expect(Self.texts(inspector).count == 20)
        // Down to "order", fold it: its 16 rows become one summary row.
        _ = inspector.handle(.down, rows: 20)
        #expect(inspector.lines[inspector.table.selected].key == "order")
        _ = inspector.handle(.enter, rows: 20)
        #expect(Self.texts(inspector) == ["{", "  order: {…} 3 keys,", "  total: 19.98,", "  note: null", "}"])
        _ = inspector.handle(.right, rows: 20)
        #expect(Self.texts(inspector).count == 20)
        // z folds everything below the root; Z opens it all again.
        _ = inspector.handle(.character("z"), rows: 20)
        #expect(Self.texts(inspector) == ["{", "  order: {…} 3 keys,", "  total: 19.98,", "  note: null", "}"])
        _ = inspector.handle(.character("Z"), rows: 20)
        #expect(Self.texts(inspector).count == 20)
    }

    @Test func leftOnAMemberGoesToItsParentAndKeysWithDotsStayDistinct() {
        var inspector = JSONInspector(title: "t", value: Self.document)
        let x = inspector.lines.firstIndex { $0.key == "x" }!
        inspector.table.moveTo(x, visibleRows: 20)
        #expect(inspector.selectedText == "true")
        _ = inspector.handle(.left, rows: 20)
        #expect(
            inspector.lines[inspector.table.selected].key == "a.b",
            "← goes to the member's object, even with a '.' in its key")
        #expect(inspector.selectedText == #"{"x":true}"#)
        _ = inspector.handle(.left, rows: 20)  // now folds it
        #expect(inspector.lines[inspector.table.selected].text.hasPrefix("{…} 1 key"))
    }

    @Test func ordersDetailAndLogsOpenTheInspectorAndYCopies() {
        var state = FixedData.state(screen: .orders)
        _ = state.handle(.character("i"))
        let inspector = try! #require(state.inspector)
        #expect(inspector.title.hasPrefix("order "))
        #expect(inspector.lines.first { $0.key == "user_id" } != nil)
        var buffer = ScreenBuffer(width: 80, height: 24)
        DashboardView.render(state, into: &buffer)
        #expect((0..<24).map(buffer.line).contains { $0.contains("\"orderStatus\": \"") })
        #expect(buffer.line(23).contains("fold"))
        _ = state.handle(.down)
        let selected = try! #require(state.inspector?.selectedText)
        #expect(state.inspector?.lines[state.inspector!.table.selected].key == "user_id")
        #expect(selected.hasPrefix("\""))
        #expect(state.handle(.character("y")) == [.copy(selected)])
        // The copied value shows in a popup (OSC 52 is never acknowledged): esc closes it first.
        #expect(state.copyPopup == selected)
        _ = state.handle(.escape)
        #expect(state.copyPopup == nil && state.inspector != nil)
        _ = state.handle(.escape)
        #expect(state.inspector == nil)
        #expect(state.screen == .orders, "esc closes the inspector, it does not leave the screen")

        var detail = FixedData.state(screen: .execution)
        _ = detail.handle(.character("i"))
        #expect(detail.inspector?.title.hasPrefix("state ") == true)
        #expect(detail.inspector?.lines.contains { $0.key == "input" } == true)

        var logs = FixedData.state(screen: .logs)
        _ = logs.handle(.home)
        _ = logs.handle(.character("i"))
        // A vended record's JSON-in-a-string payloads are unfolded into structure.
        #expect(logs.inspector?.lines.contains { $0.key == "details" } == true)
    }

    @Test func dynamoItemsBecomePlainJSON() {
        let item: DynamoItem = [
            "id": .s("o-1"), "user_id": .s("u"), "amount": .n("12.50"), "tags": .ss(["a", "b"]), "gift": .bool(true),
            "none": .null,
            "nested": .m(["list": .l([.n("1"), .s("two")])]),
        ]
        #expect(
            Order(item: item).plainJSON.description
                == #"{"user_id":"u","id":"o-1","amount":12.50,"gift":true,"nested":{"list":[1,"two"]},"none":null,"tags":["a","b"]}"#
        )
    }
}
