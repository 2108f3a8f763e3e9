import OrderDeckCore
import TerminalUI

extension Screen {
    public static let submit = Screen(rawValue: "submit")
}

extension ScreenSpec {
    /// The order form and the journal of submissions: nothing to export, nothing to click, and
    /// no tab on a read-only stack.
    static let submit = ScreenSpec(
        .submit, title: "Submit", place: .tab(number: 4, help: "submit (not when read-only)"),
        keys: ScreenKeyTable(SubmitKeys.table, list: false), handle: { $0.handleSubmit($1) },
        render: { SubmitView.render($0, into: &$1, y: $2, height: $3) },
        ticks: { $0.execution.isRunning }, shown: { .submitVisible($0) },
        readOnlyNote: "read-only: submitting is disabled")
}
