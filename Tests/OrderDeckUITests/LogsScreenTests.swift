import OrderDeckCore
import TerminalUI
import Testing

@testable import OrderDeckUI

/// The Logs screen's lines as they stream in past its capacity: what shows is always the lines the
/// filter lets through, in order, whether the filter was set before or after they came, and a
/// paused view keeps its selected line while the oldest are dropped.
@Suite struct LogsScreenTests {
    static func events(_ range: Range<Int>) -> [TailedEvent] {
        range.map { number in
            TailedEvent(
                group: "/aws/vendedlogs/states/OrderWorkflow", stream: "s", eventId: "e\(number)",
                timestamp: Int64(number), message: number % 3 == 0 ? "alpha \(number)" : "beta \(number)", record: nil)
        }
    }

    static func ids(_ events: [TailedEvent]) -> [String] { events.map(\.eventId) }

    @Test func whatShowsIsAlwaysTheLinesTheFilterLetsThrough() {
        var screen = LogsScreen()
        for start in stride(from: 0, to: 15_000, by: 500) {
            screen.append(Self.events(start..<start + 500), visibleRows: 20)
        }
        #expect(screen.visible.count == 15_000)
        screen.setFilter("alpha", visibleRows: 20)
        #expect(Self.ids(screen.visible) == Self.ids(screen.lines.filter { $0.message.hasPrefix("alpha") }))
        // Past the capacity with the filter on: the oldest dropped from both.
        for start in stride(from: 15_000, to: 26_000, by: 700) {
            screen.append(Self.events(start..<start + 700), visibleRows: 20)
        }
        #expect(screen.lines.count == LogsScreen.capacity)
        #expect(screen.lines.first?.eventId == "e\(26_200 - LogsScreen.capacity)")
        #expect(Self.ids(screen.visible) == Self.ids(screen.lines.filter { $0.message.hasPrefix("alpha") }))
        #expect(screen.table.selected == screen.visible.count - 1, "following: the newest line is selected")
        screen.setFilter("", visibleRows: 20)
        #expect(Self.ids(screen.visible) == Self.ids(screen.lines))
        // Past the capacity again, nothing narrowing.
        screen.append(Self.events(26_200..<26_600), visibleRows: 20)
        #expect(Self.ids(screen.visible) == Self.ids(screen.lines))
        #expect(screen.visible.count == LogsScreen.capacity)
    }

    @Test func aPausedViewKeepsItsLineWhileTheOldestAreDropped() {
        for filter in ["", "alpha"] {
            var screen = LogsScreen()
            screen.setFilter(filter, visibleRows: 20)
            screen.append(Self.events(0..<LogsScreen.capacity), visibleRows: 20)
            screen.togglePause(visibleRows: 20)
            screen.table.selected = screen.visible.count / 2
            let kept = screen.selected?.eventId
            screen.append(Self.events(LogsScreen.capacity..<LogsScreen.capacity + 900), visibleRows: 20)
            #expect(screen.selected?.eventId == kept, "filter '\(filter)'")
            #expect(screen.unseen == (filter.isEmpty ? 900 : 300), "filter '\(filter)'")
        }
    }
}
