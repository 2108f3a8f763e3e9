import Testing

@testable import TerminalUI

/// `$VISUAL` before `$EDITOR`, an empty one counting as unset, vi when neither names one — the
/// same choice for the dashboard's editor and the CLI's `--edit-input`.
@Suite struct EditorChoiceTests {
    @Test func visualThenEditorThenVi() {
        #expect(EditorChoice.command(environment: ["VISUAL": "code --wait", "EDITOR": "nano"]) == "code --wait")
        #expect(EditorChoice.command(environment: ["VISUAL": "", "EDITOR": "nano"]) == "nano")
        #expect(EditorChoice.command(environment: ["EDITOR": ""]) == "vi")
        #expect(EditorChoice.command(environment: [:]) == "vi")
    }
}
