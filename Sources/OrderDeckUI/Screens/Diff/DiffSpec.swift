import OrderDeckCore
import TerminalUI

extension Screen {
    public static let diff = Screen(rawValue: "diff")
}

extension ScreenSpec {
    /// Two executions side by side, opened from the Executions screen (`D`) or on two timelines
    /// already read; its tab is Executions'.
    static let diff = ScreenSpec(
        .diff, title: "Diff", place: .under(.executions), keys: ScreenKeyTable(DiffKeys.table, list: true),
        handle: { $0.handleDiff($1) }, render: { DiffView.render($0, into: &$1, y: $2, height: $3) })
}
