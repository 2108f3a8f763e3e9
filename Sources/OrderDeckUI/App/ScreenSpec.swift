import TerminalUI

/// One screen said once, as k9s registers a view with the keys it binds: its name and place in
/// the tab row, its keys, what handles them, how it draws, what ctrl-s saves from it and where a
/// click lands. The dashboard asks the registry for the current screen's spec instead of
/// switching on which screen it is, so a new screen is its folder and one registry line.
struct ScreenSpec: Sendable {
    /// Where a screen sits in the tab row.
    enum Place: Sendable, Equatable {
        /// A tab of its own, opened by its number key; `help` is that key's line in the help.
        case tab(number: Int, help: String)
        /// Opened from another screen: that screen's tab is lit while it shows (Execution under
        /// Executions), and the tab row names it after the tabs.
        case under(Screen)
    }

    typealias Handler = @Sendable (inout DashboardState, Key) -> [Effect]
    typealias Renderer = @Sendable (DashboardState, inout ScreenBuffer, _ y: Int, _ height: Int) -> Void

    var screen: Screen
    var title: String
    var place: Place
    var keys: ScreenKeyTable
    /// The screen's own keys, after the overlays and the global table passed them on.
    var handle: Handler
    /// Draws the body (between the tabs and the note row).
    var render: Renderer
    /// The rows ctrl-s saves; nil where there is nothing to save.
    var export: @Sendable (DashboardState) -> ExportTable?
    /// A click at a cell of the body selects what is drawn there; false when nothing is.
    var click: @Sendable (inout DashboardState, _ x: Int, _ y: Int) -> Bool
    /// Filters the screen's rows as the operator types (`/`); nil where nothing filters.
    var filter: (@Sendable (inout DashboardState, String) -> Void)?
    /// Takes `back` before the navigation does (drilled into a Map, back goes up one level);
    /// true when it did.
    var back: (@Sendable (inout DashboardState) -> Bool)?
    /// What going back from it undoes (a narrowed list shows everything again), and the effects
    /// of leaving (no more watching an execution).
    var leave: (@Sendable (inout DashboardState) -> [Effect])?
    /// What opening it from its tab or the palette does besides (Logs: every execution's lines).
    var opened: (@Sendable (inout DashboardState) -> Void)?
    /// Something on it changes by itself each second (a running execution's elapsed time): the
    /// loop draws again then, and otherwise sleeps until a key or an update.
    var ticks: @Sendable (DashboardState) -> Bool
    /// What the refresher is told when it comes on screen (true) and goes (false): Logs polls
    /// faster while seen, Submit reads the journal again.
    var shown: (@Sendable (Bool) -> Refresher.Command)?
    /// It watches an execution (reads it again while it runs) as long as it is anywhere in the
    /// navigation; leaving every such screen stops the watching.
    var watchesExecution: Bool
    /// The screen changes the stack as a whole (Submit): on a read-only stack it is no tab,
    /// opening it is refused and its help is this line alone.
    var readOnlyNote: String?

    init(
        _ screen: Screen, title: String, place: Place, keys: ScreenKeyTable, handle: @escaping Handler,
        render: @escaping Renderer, export: @escaping @Sendable (DashboardState) -> ExportTable? = { _ in nil },
        click: @escaping @Sendable (inout DashboardState, _ x: Int, _ y: Int) -> Bool = { _, _, _ in false },
        filter: (@Sendable (inout DashboardState, String) -> Void)? = nil,
        back: (@Sendable (inout DashboardState) -> Bool)? = nil,
        leave: (@Sendable (inout DashboardState) -> [Effect])? = nil,
        opened: (@Sendable (inout DashboardState) -> Void)? = nil,
        ticks: @escaping @Sendable (DashboardState) -> Bool = { _ in false },
        shown: (@Sendable (Bool) -> Refresher.Command)? = nil, watchesExecution: Bool = false,
        readOnlyNote: String? = nil
    ) {
        self.screen = screen
        self.title = title
        self.place = place
        self.keys = keys
        self.handle = handle
        self.render = render
        self.export = export
        self.click = click
        self.filter = filter
        self.back = back
        self.leave = leave
        self.opened = opened
        self.ticks = ticks
        self.shown = shown
        self.watchesExecution = watchesExecution
        self.readOnlyNote = readOnlyNote
    }

    /// The number key of its tab, if it has one.
    var tabNumber: Int? {
        guard case .tab(let number, _) = place else { return nil }
        return number
    }

    /// Whether it shows (and opens) on a stack that is read-only or not.
    func isAvailable(readOnly: Bool) -> Bool { !readOnly || readOnlyNote == nil }
}
