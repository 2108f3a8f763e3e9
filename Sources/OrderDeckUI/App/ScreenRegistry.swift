import TerminalUI

/// Every screen of the dashboard, one line each (k9s's view registry): the only place that
/// knows which screens there are. The dashboard looks the current screen's spec up here for
/// its keys, drawing, export and clicks; the global key table takes its tab keys from here.
public struct ScreenRegistry: Sendable {
    public static let standard = ScreenRegistry([
        .overview,
        .orders,
        .executions,
        .execution,
        .mapRun,
        .diff,
        .logs,
        .submit,
    ])

    /// The specs in their order (the tab row's, for those that are tabs).
    let specs: [ScreenSpec]
    private let byScreen: [Screen: ScreenSpec]
    /// The keys every screen shares: a number key per tab, then the rest.
    let globalKeys: KeyTable<GlobalAction>

    /// Refuses (in debug builds) a registry whose screens repeat a name or a tab number, or bind
    /// a key the global table binds: the global key would win while the help listed both (as
    /// ctrl-s did, "send" on Submit and "export" everywhere).
    init(_ specs: [ScreenSpec]) {
        self.specs = specs
        byScreen = Dictionary(specs.map { ($0.screen, $0) }, uniquingKeysWith: { first, _ in first })
        globalKeys = GlobalKeys.table(tabs: specs)
        let numbers = specs.compactMap(\.tabNumber)
        assert(byScreen.count == specs.count, "two screens share a name")
        assert(Set(numbers).count == numbers.count, "two tabs share a number key")
        assert(numbers.allSatisfy { (0...9).contains($0) }, "a tab's number key is one digit")
        let conflicts = Self.conflicts(specs, global: globalKeys)
        assert(conflicts.isEmpty, "screens bind global keys: \(conflicts)")
    }

    /// The registry with one more screen (a test's toy screen, say).
    func adding(_ spec: ScreenSpec) -> ScreenRegistry { ScreenRegistry(specs + [spec]) }

    /// Each screen that binds a key the global table binds, with those keys.
    static func conflicts(_ specs: [ScreenSpec], global: KeyTable<GlobalAction>) -> [(Screen, [Key])] {
        let globalKeys = Set(global.boundKeys)
        return specs.compactMap { spec in
            let clash = spec.keys.bound.filter { globalKeys.contains($0) }
            return clash.isEmpty ? nil : (spec.screen, clash)
        }
    }

    public var screens: [Screen] { specs.map(\.screen) }

    /// The spec of `screen`; the first screen's for a name not registered.
    subscript(_ screen: Screen) -> ScreenSpec {
        if let spec = byScreen[screen] { return spec }
        assertionFailure("no screen \(screen) in the registry")
        return byScreen[.orders] ?? specs[0]
    }

    /// The tabs, by their number keys (a screen that changes the stack is none when read-only).
    func tabs(readOnly: Bool) -> [ScreenSpec] {
        specs.filter { $0.tabNumber != nil && $0.isAvailable(readOnly: readOnly) }
            .sorted { ($0.tabNumber ?? 0) < ($1.tabNumber ?? 0) }
    }

    /// The tab lit while `screen` shows: its own, or the one it was opened under.
    func tab(of screen: Screen) -> Screen {
        guard case .under(let parent) = self[screen].place else { return screen }
        return parent
    }
}
