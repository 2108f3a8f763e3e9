import TerminalUI

/// The keys each screen binds (its own table, the list movement, the global keys), for tests
/// and documentation: the same tables that handle the keys.
public enum ScreenKeys {
    public static func bound(_ screen: Screen, in screens: ScreenRegistry = .standard) -> [Key] {
        screens[screen].keys.bound + screens.globalKeys.boundKeys
    }
}
