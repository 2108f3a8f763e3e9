import OrderDeckCore
import TerminalUI

/// Draws a `DashboardState` into a `ScreenBuffer`: a pure function, so every screen is tested as
/// text at any size.
public enum DashboardView {
    public static func render(_ state: DashboardState, into buffer: inout ScreenBuffer) {
        var state = state
        state.size = TerminalSize(width: buffer.width, height: buffer.height)
        let layout = state.layout
        guard !layout.isTooSmall else {
            // The longest wording that fits, whole: "terminal too small" down to "small".
            let title = ["terminal too small", "too small", "small"].first { $0.count <= buffer.width } ?? ""
            buffer.write(title, x: 0, y: 0, style: .error, maxWidth: buffer.width)
            let need = [
                "\(buffer.width)x\(buffer.height), need \(Layout.minimumWidth)x\(Layout.minimumHeight)",
                "need \(Layout.minimumWidth)x\(Layout.minimumHeight)",
            ].first { $0.count <= buffer.width }
            if buffer.height > 1, let need { buffer.write(need, x: 0, y: 1, maxWidth: buffer.width) }
            return
        }
        ChromeView.header(state, into: &buffer)
        ChromeView.tabs(state, into: &buffer)
        let (y, height) = (layout.bodyTop, layout.bodyHeight)
        state.screens[state.screen].render(state, &buffer, y, height)
        if let inspector = state.inspector { InspectorView.render(inspector, into: &buffer, y: y, height: height) }
        ChromeView.note(state, into: &buffer)
        ChromeView.hints(state, into: &buffer)
        if state.showHelp { HelpView.render(state, into: &buffer) }
        if let copied = state.copyPopup { CopyPopupView.render(copied, into: &buffer) }
    }
}
