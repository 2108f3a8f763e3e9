import OrderDeckCore
import TerminalUI

/// What surrounds every screen: the header, the tabs, the note row and the hint line.
enum ChromeView {
    static func header(_ state: DashboardState, into buffer: inout ScreenBuffer) {
        buffer.fillRow(0, style: .header)
        var x = buffer.write(" OrderDeck ", x: 0, y: 0, style: Style.header.with { $0.bold = true })
        if state.stack.isLocal {
            x += buffer.write(" LOCAL ", x: x, y: 0, style: Style(foreground: .black, background: .green, bold: true))
        }
        if state.stack.readOnly {
            x += buffer.write(
                " READ-ONLY ", x: x, y: 0, style: Style(foreground: .black, background: .yellow, bold: true))
        }
        // The refresh state (throttled, failing…) matters more than the endpoint: it goes first.
        let refresh = " ⟳ \(state.shownHealth.label(now: state.now)) "
        let refreshStyle: Style
        switch state.shownHealth {
        case .throttled, .stalled: refreshStyle = Style(foreground: .black, background: .yellow)
        case .failing: refreshStyle = Style(foreground: .white, background: .red, bold: true)
        default: refreshStyle = .header
        }
        let refreshWidth = min(DisplayWidth.of(refresh), max(0, buffer.width - x))
        var parts = [" stack \(state.stack.name)"]
        if let profile = state.stack.profile { parts.append("profile \(profile)") }
        parts.append(state.stack.region)
        parts.append(state.stack.endpoint)
        let room = buffer.width - x - refreshWidth - 1
        if room > 0 {
            buffer.write(DisplayWidth.truncate(parts.joined(separator: " │ "), to: room), x: x, y: 0, style: .header)
        }
        buffer.write(refresh, x: buffer.width - refreshWidth, y: 0, style: refreshStyle, maxWidth: refreshWidth)
    }

    static func tabs(_ state: DashboardState, into buffer: inout ScreenBuffer) {
        var x = 0
        let screens = state.screens
        let current = screens.tab(of: state.screen)
        for spec in screens.tabs(readOnly: state.stack.readOnly) {
            let style = spec.screen == current ? Style(foreground: .cyan, bold: true, reverse: true) : Style.muted
            x += buffer.write(" \(spec.tabNumber ?? 0) \(spec.title) ", x: x, y: 1, style: style)
            x += 1
        }
        // A screen opened under a tab is named after the tabs, by its title ("▸ map run").
        if current != state.screen {
            buffer.write("▸ \(screens[state.screen].title.lowercased())", x: x, y: 1, style: .title)
        }
    }

    /// The note (or the standing problem) in its row; short terminals show it over the tabs.
    static func note(_ state: DashboardState, into buffer: inout ScreenBuffer) {
        let layout = state.layout
        let text: String
        let style: Style
        if let note = state.visibleNote {
            text = note.text
            style = note.isError ? .error : Style(foreground: .green)
        } else if let problem = state.shownHealth.problem(now: state.now) {
            text = "✗ " + problem
            style = .error
        } else {
            return
        }
        buffer.fillRow(layout.noteRow)
        buffer.write(text, x: 0, y: layout.noteRow, style: style)
    }

    /// The prompt's text and cursor in `width` cells: the end of a long text (where the operator
    /// types), its front cut with "…".
    static func promptTail(_ text: String, width: Int) -> String {
        let shown = text + "█"
        guard width > 1 else { return shown }
        return DisplayWidth.truncateFront(shown, to: width)
    }

    /// The key hints, or the open prompt with what it is for.
    static func hints(_ state: DashboardState, into buffer: inout ScreenBuffer) {
        let y = state.layout.hintRow
        buffer.fillRow(y)
        if let confirmation = state.confirmation {
            buffer.write(confirmation.question, x: 0, y: y, style: Style(foreground: .yellow, bold: true))
            return
        }
        if let prompt = state.prompt {
            let x = buffer.write(prompt.label, x: 0, y: y, style: Style(foreground: .cyan, bold: true))
            buffer.write(Self.promptTail(prompt.text, width: buffer.width - x), x: x, y: y, style: Style(bold: true))
            return
        }
        // Help and back/quit always show; the screen's own hints go from the end when short.
        var (own, always) = state.hintParts
        func line() -> String { (own + always).joined(separator: "  ") }
        while !own.isEmpty, DisplayWidth.of(line()) > buffer.width { own.removeLast() }
        buffer.write(line(), x: 0, y: y, style: .muted)
    }
}
