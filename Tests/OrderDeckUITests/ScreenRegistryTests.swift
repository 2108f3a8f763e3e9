import Foundation
import OrderDeckCore
import TerminalUI
import Testing

@testable import OrderDeckUI

/// A screen is one descriptor: the dashboard finds everything about the current screen in the
/// registry, so a toy screen from the test target is a folder (ToyScreen/) and one line here.
@Suite struct ScreenRegistryTests {
    /// The one registry line the toy screen takes.
    static let screens = ScreenRegistry.standard.adding(.toy)

    static func state(width: Int = 100, height: Int = 24) -> DashboardState {
        var state = DashboardState(stack: FixedData.stack, screens: screens)
        state.size = TerminalSize(width: width, height: height)
        state.now = FixedData.now
        state.apply(.orders(OrderIndex(FixedData.orders(7)), loading: false))
        return state
    }

    static func render(_ state: DashboardState) -> [String] {
        var buffer = ScreenBuffer(width: state.size.width, height: state.size.height)
        DashboardView.render(state, into: &buffer)
        return buffer.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    @Test func aToyScreenIsATabWithItsKeysDrawingAndHelp() {
        var state = Self.state()
        #expect(Self.render(state)[1].contains(" 5 Toy"))
        _ = state.handle(.character("5"))
        #expect(state.screen == .toy)
        let lines = Self.render(state)
        #expect(lines[2].contains("toy: 7 orders loaded"))
        #expect(state.hints.hasPrefix("t toot"))
        #expect(state.helpLines.contains { $0.hasPrefix("t ") && $0.hasSuffix("toot: say so in the note row") })
        #expect(state.helpLines.contains { $0.hasPrefix("5 ") && $0.hasSuffix("toy: a screen a test added") })
        _ = state.handle(.character("t"))
        #expect(state.visibleNote?.text == "toot")
        // Global keys still work over it: back to Orders.
        _ = state.handle(.escape)
        #expect(state.screen == .orders)
        #expect(state.visibleNote?.text == "left the toy")
    }

    @Test func theToyScreenExportsItsRowsAndTakesClicks() throws {
        var state = Self.state()
        _ = state.handle(.character("5"))
        #expect(state.exportTable?.rows == [["7"]])
        _ = state.handle(.control("s"))
        let prompt = try #require(state.prompt)
        #expect(prompt.kind == .export && prompt.text.contains("orderdeck-toy-counts-"))
        state.prompt = nil
        _ = state.handle(.mouseClick(x: 3, y: state.layout.bodyTop))
        #expect(state.visibleNote?.text == "clicked the toy")
    }

    @Test func tabCyclesThroughTheToyAndAClickOnItsTabOpensIt() throws {
        var state = Self.state()
        _ = state.handle(.character("4"))
        _ = state.handle(.tab)
        #expect(state.screen == .toy)
        _ = state.handle(.tab)
        #expect(state.screen == .overview)
        let tabRow = Self.render(state)[1]
        let column = try #require(tabRow.range(of: " 5 Toy")).lowerBound
        _ = state.handle(.mouseClick(x: tabRow.distance(from: tabRow.startIndex, to: column) + 2, y: 1))
        #expect(state.screen == .toy)
    }

    @Test func theStandardDashboardIsUnchangedByIt() {
        #expect(Screen.allCases == [.overview, .orders, .executions, .execution, .mapRun, .diff, .logs, .submit])
        var state = FixedData.state(screen: .orders)
        _ = state.handle(.character("5"))
        #expect(state.screen == .orders)
        #expect(!Self.render(state)[1].contains("Toy"))
    }

    /// Every screen's keys are its own: none is a key the global table binds.
    @Test func noRegisteredScreenBindsAGlobalKey() {
        for registry in [ScreenRegistry.standard, Self.screens] {
            let conflicts = ScreenRegistry.conflicts(registry.specs, global: registry.globalKeys)
            #expect(conflicts.isEmpty, "\(conflicts)")
        }
    }

    /// A screen binding `r` or ctrl-s is refused: the global key would win while the help
    /// listed both.
    @Test func aScreenThatBindsAGlobalKeyIsRefused() {
        var clash = ScreenSpec.toy
        clash.keys = ScreenKeyTable(
            KeyTable<ToyAction>([.init([.character("r"), .control("s"), .character("t")], "clash", .toot)]),
            list: false)
        let conflicts = ScreenRegistry.conflicts([clash], global: Self.screens.globalKeys)
        #expect(conflicts.count == 1)
        #expect(conflicts.first?.0 == .toy)
        #expect(conflicts.first?.1 == [.character("r"), .control("s")])
    }

    /// ctrl-s on Submit exports (there is nothing to export there), never sends; its help lists
    /// ctrl-s once, as the global key.
    @Test func ctrlSOnSubmitIsTheGlobalExport() {
        var state = FixedData.state(screen: .submit)
        let effects = state.handle(.control("s"))
        #expect(effects.isEmpty)
        #expect(state.visibleNote?.text == "nothing to export on this screen")
        #expect(state.helpLines.filter { $0.hasPrefix("ctrl-s ") }.count == 1)
        #expect(state.helpLines.contains { $0.hasPrefix("s ") && $0.hasSuffix("send (journaled first)") })
    }

    /// Nothing outside the registry asks which screen is showing to pick what to do: no
    /// `switch` over the current screen anywhere in the dashboard's sources.
    @Test func noSourceSwitchesOnTheScreen() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/OrderDeckUI")
        let pattern = try Regex(#"switch\s+(self\.|state\.)?(screen|target|leaving)\s*\{"#)
        let paths = FileManager.default.enumerator(atPath: sources.path)?.compactMap { $0 as? String } ?? []
        #expect(paths.contains("App/ScreenRegistry.swift"))
        for path in paths where path.hasSuffix(".swift") {
            let text = try String(contentsOf: sources.appendingPathComponent(path), encoding: .utf8)
            #expect(text.firstMatch(of: pattern) == nil, "\(path) switches on the screen")
        }
    }

    /// On a read-only stack a screen that changes the stack is no tab and does not open.
    @Test func aReadOnlyStackHasNoSubmitTab() {
        var stack = FixedData.stack
        stack.readOnly = true
        var state = DashboardState(stack: stack)
        #expect(state.screens.tabs(readOnly: true).map(\.screen) == [.overview, .orders, .executions, .logs])
        _ = state.handle(.character("4"))
        #expect(state.screen == .orders)
        #expect(state.visibleNote?.isError == true)
    }
}
