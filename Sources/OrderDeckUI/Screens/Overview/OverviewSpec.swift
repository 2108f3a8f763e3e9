import OrderDeckCore
import TerminalUI

extension Screen {
    public static let overview = Screen(rawValue: "overview")
}

extension ScreenSpec {
    /// The last hour at a glance; a click on the chart selects that minute.
    static let overview = ScreenSpec(
        .overview, title: "Overview", place: .tab(number: 0, help: "overview: the last hour at a glance"),
        keys: ScreenKeyTable(OverviewKeys.table, list: false), handle: { $0.handleOverview($1) },
        render: { OverviewView.render($0, into: &$1, y: $2, height: $3) }, export: { $0.overviewExport },
        click: { state, x, y in
            guard let figures = state.overview.figures, y > state.layout.bodyTop, x < figures.minutes.count else {
                return false
            }
            let shown = min(state.size.width, figures.minutes.count)
            state.overview.moveCursor(by: figures.minutes.count - shown + x - state.overview.cursor)
            return true
        })
}
