import Foundation
import OrderDeckCore
import TerminalUI

/// Everything the dashboard shows, as a value: keys change it (returning effects for the outside
/// world), updates from background work change it, and `DashboardView` draws it. Each screen
/// keeps its own state; this holds what they share.
public struct DashboardState: Sendable {
    public var stack: StackInfo
    /// The stacks `:stack NAME` can switch to (the configuration file's, plus `local` when it runs).
    public var stackNames: [String] = []
    /// Screens opened on top of the first one (Orders); `q` and esc go back one.
    public internal(set) var navigation: [Screen] = [.orders]
    /// The terminal's size: what key handling scrolls by and views draw into.
    public var size = TerminalSize(width: 80, height: 24)
    public var now = Date()
    public var showHelp = false
    /// The foldable JSON view (`i`) over the current screen, when open.
    public var inspector: JSONInspector?
    public var prompt: Prompt?
    /// A yes/no question before an action that changes the stack.
    public var confirmation: Confirmation?
    /// The terminal is known to take OSC 52 copies (set by the composition root); otherwise a copied
    /// value also shows in `copyPopup` (any key closes it).
    public var clipboardConfirmed = false
    public var copyPopup: String?
    public var note: Note?
    public var health: RefreshHealth = .loading
    /// Where ctrl-s proposes to save (the composition root sets it from the environment).
    public var exportDirectory = "~/.local/share/orderdeck/exports"
    /// The operator's `$HOME`, which `~` in an export path means (nil: the account's home).
    public var homeDirectory: String?
    /// Since when a refresh has waited for its answer longer than `RefreshPolicy.stallAfter`.
    public var stalledSince: Date?

    /// What the header shows: a standing failure or throttling says more than a stall; otherwise
    /// a stall wins over "live" (the last refresh that answered is not the one now waiting).
    public var shownHealth: RefreshHealth {
        switch health {
        case .loading, .live, .recovered: return stalledSince.map { .stalled(since: $0) } ?? health
        case .throttled, .failing, .stalled: return health
        }
    }
    /// Effects that updates (and keys, beside what a key returns) give rise to; the dashboard
    /// takes them and carries them out.
    var pendingEffects: [Effect] = []

    /// The pending effects, handed over once.
    mutating func takePendingEffects() -> [Effect] {
        defer { pendingEffects = [] }
        if let job = orders.filterJobToRun {
            orders.filterJobToRun = nil
            return pendingEffects + [.filterOrders(job)]
        }
        return pendingEffects
    }

    public var orders = OrdersScreen()
    public var executions = ExecutionsScreen()
    public var execution = ExecutionScreen()
    public var mapRun = MapRunScreen()
    public var diff = DiffScreen()
    public var logs = LogsScreen()
    public var overview = OverviewScreen()
    public var submit: SubmitScreen

    /// Every screen the dashboard has (a test adds one of its own).
    public let screens: ScreenRegistry

    public init(stack: StackInfo, template: JSONValue? = nil, screens: ScreenRegistry = .standard) {
        self.stack = stack
        self.screens = screens
        submit = SubmitScreen(template: template ?? StackConfig.defaultOrderTemplate)
    }

    public var screen: Screen { navigation.last ?? .orders }
    var layout: Layout { Layout(size) }

    /// A transient note (it expires by itself).
    mutating func say(_ text: String, isError: Bool = false) {
        note = Note(text, isError: isError, now: now)
    }

    /// The note to show now, if it has not expired.
    public var visibleNote: Note? { note.flatMap { $0.isShowing(at: now) ? $0 : nil } }

    // MARK: Navigation

    /// Back one screen; nothing on the first screen (`q` quits there instead).
    mutating func back() -> [Effect] {
        guard navigation.count > 1 else { return [] }
        let leaving = navigation.removeLast()
        let effects = screens[leaving].leave?(&self) ?? []
        refreshOverview()  // when back on the Overview
        return effects
    }

    /// A tab: Orders alone, or Orders and the tab above it (so back and `q` lead to Orders).
    mutating func show(_ target: Screen) -> [Effect] {
        if !screens[target].isAvailable(readOnly: stack.readOnly) { return refuseReadOnly() }
        let watching = isWatchingExecution
        navigation = target == .orders ? [.orders] : [.orders, target]
        screens[target].opened?(&self)
        if executions.scope != nil { executions.setScope(nil, visibleRows: layout.listRows) }
        if orders.scope != nil { orders.setScope(nil, visibleRows: layout.listRows) }
        refreshOverview()
        return watching ? [.stopWatching] : []
    }

    /// A screen in the navigation watches an execution (the registry says which).
    var isWatchingExecution: Bool { navigation.contains { screens[$0].watchesExecution } }

    /// The tab the operator is on (Orders, or the tab above it); what a reopened dashboard resumes.
    public var tab: Screen { navigation.dropFirst().first ?? .orders }

    /// A dashboard reopened on the same stack (it moved to new ports): back on the tab the operator
    /// had open, and no jump to the Overview when the first executions arrive — that start is for
    /// a dashboard opened afresh or switched to another stack.
    public mutating func resume(on tab: Screen) {
        overview.isStartScreen = false
        _ = show(tab)
    }

    mutating func push(_ target: Screen) {
        if screen != target { navigation.append(target) }
    }

    mutating func refuseReadOnly() -> [Effect] {
        say("read-only: submitting orders is disabled for this stack", isError: true)
        return []
    }

    mutating func copy(_ text: String) -> [Effect] {
        say("copied \(text)")
        // Terminals do not acknowledge OSC 52: unless this one is known to take it, the value also
        // shows where the operator can select it.
        if !clipboardConfirmed { copyPopup = text }
        return [.copy(text)]
    }
}

extension DashboardState {
    /// A new terminal size: every list keeps its selection in view at the new height.
    public mutating func resized(to newSize: TerminalSize) {
        size = newSize
        orders.table.scrollToSelection(visibleRows: layout.listRows)
        executions.table.scrollToSelection(visibleRows: layout.listRows)
        execution.table.scrollToSelection(visibleRows: ExecutionView.tableRows(self))
        logs.table.scrollToSelection(visibleRows: LogsView.tableRows(layout, state: logs))
        if logs.following { logs.follow(visibleRows: LogsView.tableRows(layout, state: logs)) }
    }
}
