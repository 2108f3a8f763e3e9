import Foundation
import OrderDeckCore
import OrderDeckUI
import TerminalUI
import TestSupport
import Testing

/// What happens over time — resizing, following, notes expiring, recovering after faults — in
/// process: real loop, refresher and state; fake terminal, data source and clock. Nothing sleeps.
@Suite(.timeLimit(.minutes(3))) struct DashboardOverTimeTests {
    @Test func anyResizeRepaintsTheWholeScreenAtOnceOverlaysIncluded() async {
        let harness = DashboardHarness(width: 160, height: 45)
        #expect(await harness.waitFor { $0.screen.contains("40 orders") })
        harness.press(.character("?"))
        #expect(harness.screen.contains("keys: orders"))
        let repaintsBefore = harness.loop.fullRepaints
        harness.resize(width: 20, height: 6)
        #expect(harness.terminal.glass == harness.expectedFrame, "20x6 after shrinking:\n\(harness.screen)")
        harness.resize(width: 160, height: 45)
        // The same call that delivered the resize drew the whole new frame: no waiting, no key.
        #expect(harness.loop.fullRepaints == repaintsBefore + 2)
        #expect(harness.terminal.glass == harness.expectedFrame, "160x45 after growing:\n\(harness.screen)")
        #expect(harness.state.showHelp, "a resize is not a key: the help stays open")
        #expect(harness.line(0).contains("OrderDeck"))
        #expect(harness.screen.contains("keys: orders"))
        harness.press(.character("x"))
        #expect(harness.screen.contains("00000000-0000-4000-a000-000000000000"))
        #expect(harness.line(44).contains("? help"))
        #expect(harness.terminal.glass == harness.expectedFrame)
    }

    @Test func theLogsScreenFollowsTheNewestLineUntilTheOperatorScrollsUp() async {
        let harness = DashboardHarness(width: 120, height: 30)
        harness.press(.character("3"))
        #expect(await harness.waitFor { $0.state.logs.visible.count == FixedData.logEvents.count })
        // Opens at the newest line, selected.
        #expect(harness.state.logs.following)
        #expect(harness.state.logs.table.selected == harness.state.logs.visible.count - 1)
        #expect(harness.screen.contains("plain line with"))
        // New lines arrive: the newest is on screen and selected, nothing typed.
        func arrive(_ id: String) {
            harness.source.update {
                $0.logLines.append(
                    TailedEvent(
                        group: "g", stream: "s", eventId: id, timestamp: 1_795_421_950_000, message: "new line \(id)",
                        record: nil))
            }
        }
        arrive("n1")
        // While the Logs screen shows, the tail polls every 0.5 s.
        await harness.advance(by: .milliseconds(500))
        #expect(await harness.waitFor { $0.screen.contains("new line n1") })
        #expect(harness.state.logs.selected?.eventId == "n1")
        // Scrolled up: the view stays, and says what arrived below.
        harness.press(.character("k"), .character("k"))
        let selected = harness.state.logs.selected?.eventId
        arrive("n2")
        arrive("n3")
        await harness.advance(by: .seconds(2))
        #expect(await harness.waitFor { $0.screen.contains("2 new ↓") })
        #expect(harness.state.logs.selected?.eventId == selected)
        // Back at the bottom: following again.
        harness.press(.character("G"))
        #expect(harness.state.logs.following && harness.screen.contains("following"))
        #expect(harness.screen.contains("new line n3"))
        // Pause and resume: resuming jumps to the newest.
        harness.press(.character("p"))
        arrive("n4")
        await harness.advance(by: .seconds(2))
        #expect(await harness.waitFor { $0.screen.contains("PAUSED — 1 new ↓") })
        harness.press(.character("p"))
        #expect(harness.state.logs.selected?.eventId == "n4" && harness.screen.contains("new line n4"))
    }

    @Test func aFilterFromTheBottomKeepsTheSelectionInViewAndPromptsSayWhatTheyAre() async {
        let harness = DashboardHarness(width: 120, height: 14)
        harness.press(.character("3"))
        #expect(await harness.waitFor { $0.state.logs.visible.count == FixedData.logEvents.count })
        harness.press(.character("f"))
        #expect(harness.line(13).hasPrefix("filter lines: "))
        harness.type("ExecutionFailed")
        harness.press(.enter)
        #expect(harness.state.logs.visible.count == 1)
        #expect(harness.screen.contains("#26 ExecutionFailed"), "the match is on screen:\n\(harness.screen)")
        harness.press(.character("/"))
        #expect(harness.line(13).hasPrefix("search: "))
        harness.press(.escape, .character(":"))
        #expect(harness.line(13).hasPrefix(":"))
    }

    @Test func qGoesBackOnEveryScreenAndQuitsOnlyOnTheFirst() async {
        let harness = DashboardHarness()
        #expect(await harness.waitFor { $0.state.executions.visible.count == 40 })
        // The reported sequence: 2, ⏎, q, 3, q used to quit.
        harness.press(.character("2"), .enter, .character("q"), .character("3"), .character("q"))
        #expect(!harness.quit)
        #expect(harness.state.screen == .orders)
        for tab in ["2", "3", "4"] {
            harness.press(.character(Character(tab)))
            #expect(harness.line(23).contains("q back"))
            harness.press(.character("q"))
            #expect(harness.state.screen == .orders && !harness.quit)
        }
        harness.press(.enter, .character("l"), .character("q"), .character("q"))
        #expect(harness.state.screen == .orders && !harness.quit)
        #expect(harness.line(23).contains("q quit"))
        harness.press(.character("q"))
        #expect(harness.quit)
    }

    @Test func notesExpireAndNeverHideTheHints() async {
        let harness = DashboardHarness()
        #expect(await harness.waitFor { $0.screen.contains("40 orders") })
        harness.press(.character("y"))
        #expect(harness.line(22).hasPrefix("copied 00000000"))
        #expect(harness.line(23).contains("? help"), "the hints stay while a note shows")
        #expect(harness.terminal.clipboard == ["00000000-0000-4000-a000-000000000000"])
        #expect(harness.dashboard.nextRedraw != nil, "the loop wakes when the note expires")
        await harness.advance(by: .seconds(5))
        #expect(!harness.line(22).contains("copied"))
        harness.press(.character("2"), .character("1"))
        #expect(!harness.screen.contains("copied"))
    }
}
