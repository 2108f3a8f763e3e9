/// A screen's identity: the name the registry finds its `ScreenSpec` by. A value, not an enum,
/// so a screen is added by its folder and one registry line rather than by a case that every
/// switch must learn; each screen declares its own (`Screen.orders` in Screens/Orders/).
public struct Screen: RawRepresentable, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    /// The standard dashboard's screens, in the registry's order.
    public static var allCases: [Screen] { ScreenRegistry.standard.screens }

    public var description: String { rawValue }
}
