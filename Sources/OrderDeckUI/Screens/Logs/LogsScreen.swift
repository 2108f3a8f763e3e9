import OrderDeckCore
import TerminalUI

/// The Logs screen's state. Following means the newest line is visible and selected as lines
/// arrive; scrolling up (or `p`) stops that and counts what arrives below ("N new ↓"); reaching
/// the last line again, or `p`, follows again.
public struct LogsScreen: Sendable {
    public static let capacity = 20_000

    public private(set) var lines: [TailedEvent] = []
    public private(set) var visible: [TailedEvent] = []
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

    public init() {}

    public var selected: TailedEvent? { visible.indices.contains(table.selected) ? visible[table.selected] : nil }

    func shows(_ event: TailedEvent) -> Bool {
        if let execution, event.record?.executionArn != execution.rawValue { return false }
        if let matcher = TextMatcher(filter) { return matcher.matches(LogsColumns.summary(event)) }
        return true
    }

    /// New lines: appended (the oldest dropped past the capacity), the newest shown when following.
    mutating func append(_ batch: [TailedEvent], visibleRows: Int) {
        guard !batch.isEmpty else { return }
        lines.append(contentsOf: batch)
        let shown = batch.filter(shows)
        visible.append(contentsOf: shown)
        if lines.count > Self.capacity {
            let dropped = lines.prefix(lines.count - Self.capacity)
            let droppedVisible = dropped.filter(shows).count
            lines.removeFirst(dropped.count)
            visible.removeFirst(min(droppedVisible, visible.count))
            table.selected = max(0, table.selected - droppedVisible)
            table.top = max(0, table.top - droppedVisible)
        }
        table.setRowCount(visible.count)
        if following {
            table.moveTo(visible.count - 1, visibleRows: visibleRows)
        } else {
            unseen += shown.count
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
        visible = lines.filter(shows)
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
