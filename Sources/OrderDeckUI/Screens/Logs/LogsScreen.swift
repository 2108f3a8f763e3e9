import OrderDeckCore
import TerminalUI

/// The Logs screen's state. Following means the newest line is visible and selected as lines
/// arrive; scrolling up (or `p`) stops that and counts what arrives below ("N new ↓"); reaching
/// the last line again, or `p`, follows again.
public struct LogsScreen: Sendable {
    public static let capacity = 20_000

    public private(set) var lines: [TailedEvent] = []
    /// The lines shown: all of them, or those the execution and the filter let through.
    public var visible: [TailedEvent] { narrowed ?? lines }
    /// The lines shown when something narrows them (nil: all lines — not a second copy of 20,000
    /// events to keep in step on every batch and rebuild on every change of view).
    private var narrowed: [TailedEvent]?
    public var table = TableView(columns: LogsColumns.all)
    public private(set) var following = true
    /// Stopped by `p` (rather than by scrolling up).
    public private(set) var paused = false
    /// Lines that arrived below the view while not following.
    public private(set) var unseen = 0
    public private(set) var filter = ""
    public var search = ""
    /// Where the last `n`/`N` landed among the lines matching the search: "3 of 12".
    public private(set) var searchPosition: (index: Int, total: Int)?
    /// Only this execution's lines (opened with `l` from an order or an execution).
    public private(set) var execution: ExecutionARN?
    public var wrap = false
    /// How the lines are followed — Live Tail or polling, and why (nil: not said yet).
    public var mode: LogFollowMode?

    public init() {}

    public var selected: TailedEvent? { visible.indices.contains(table.selected) ? visible[table.selected] : nil }

    /// What the execution and the filter let through, made once per pass: a matcher made per
    /// line compiled the filter's regular expression 20,000 times.
    struct LineTest {
        let executionArn: String?
        let matcher: TextMatcher?
        /// Whether anything is left out at all (when not, the lines are shown as they are).
        var narrows: Bool { executionArn != nil || matcher != nil }

        func shows(_ event: TailedEvent) -> Bool {
            if let executionArn, event.record?.executionArn != executionArn { return false }
            if let matcher { return matcher.matches(LogsColumns.summary(event)) }
            return true
        }

    }

    var lineTest: LineTest { LineTest(executionArn: execution?.rawValue, matcher: TextMatcher(filter)) }

    /// Names each record's state as it arrives, whatever its event type.
    private var attribution = LogStateAttribution()

    /// New lines: appended (the oldest dropped past the capacity), the newest shown when following.
    mutating func append(_ batch: [TailedEvent], visibleRows: Int) {
        guard !batch.isEmpty else { return }
        var batch = batch
        for index in batch.indices {
            if let record = batch[index].record { batch[index].state = attribution.label(for: record) }
        }
        lines.append(contentsOf: batch)
        let test = lineTest
        let shown = test.narrows ? batch.filter(test.shows) : nil
        if let shown { narrowed?.append(contentsOf: shown) }
        if lines.count > Self.capacity {
            let dropped = lines.prefix(lines.count - Self.capacity)
            let droppedVisible = test.narrows ? dropped.count(where: test.shows) : dropped.count
            lines.removeFirst(dropped.count)
            let narrowedCount = narrowed?.count ?? 0
            narrowed?.removeFirst(min(droppedVisible, narrowedCount))
            table.selected = max(0, table.selected - droppedVisible)
            table.top = max(0, table.top - droppedVisible)
        }
        table.setRowCount(visible.count)
        if following {
            table.moveTo(visible.count - 1, visibleRows: visibleRows)
        } else {
            unseen += shown?.count ?? batch.count
            table.scrollToSelection(visibleRows: visibleRows)
        }
    }

    /// After a movement key: following again exactly when the selection is on the last line.
    mutating func moved() {
        following = table.selected >= visible.count - 1
        if following {
            paused = false
            unseen = 0
        }
    }

    mutating func togglePause(visibleRows: Int) {
        if following || !paused {
            paused = true
            following = false
        } else {
            follow(visibleRows: visibleRows)
        }
    }

    mutating func follow(visibleRows: Int) {
        paused = false
        following = true
        unseen = 0
        table.moveTo(visible.count - 1, visibleRows: visibleRows)
    }

    mutating func setFilter(_ text: String, visibleRows: Int) {
        filter = text
        recompute(visibleRows: visibleRows)
    }

    mutating func show(execution arn: ExecutionARN, visibleRows: Int) {
        execution = arn
        recompute(visibleRows: visibleRows)
        follow(visibleRows: visibleRows)
    }

    mutating func showAllExecutions(visibleRows: Int) {
        guard execution != nil else { return }
        execution = nil
        recompute(visibleRows: visibleRows)
    }

    /// Re-filters, keeping the selected line selected (or the newest when following) and in view.
    mutating func recompute(visibleRows: Int) {
        let keep = selected?.eventId
        let test = lineTest
        narrowed = test.narrows ? lines.filter(test.shows) : nil
        table.setRowCount(visible.count)
        if following {
            table.moveTo(visible.count - 1, visibleRows: visibleRows)
        } else if let keep, let index = visible.firstIndex(where: { $0.eventId == keep }) {
            table.moveTo(index, visibleRows: visibleRows)
        } else {
            table.scrollToSelection(visibleRows: visibleRows)
        }
    }

    /// `n` / `N`: the next or previous line matching the search.
    mutating func findMatch(forward: Bool, visibleRows: Int) {
        searchPosition = nil
        guard let matcher = TextMatcher(search), !visible.isEmpty else { return }
        // One pass finds every match: the next one and "n of m" both come from it.
        let matching = visible.indices.filter { matcher.matches(LogsColumns.summary(visible[$0])) }
        let current = table.selected
        let target =
            forward
            ? (matching.first { $0 > current } ?? matching.first)
            : (matching.last { $0 < current } ?? matching.last)
        if let target {
            table.moveTo(target, visibleRows: visibleRows)
            moved()
        }
        searchPosition = ((target.flatMap { matching.firstIndex(of: $0) } ?? -1) + 1, matching.count)
    }
}
