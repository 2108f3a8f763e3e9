import Foundation

/// A transient note in the note row ("copied …", "no machine 'x'"): it expires by itself, so a
/// message never outlives its moment; problems that last come from `RefreshHealth` instead.
public struct Note: Sendable, Equatable {
    public var text: String
    public var isError: Bool
    public var expires: Date

    /// How long notes stay: long enough to read, short enough not to linger.
    static let infoLifetime: TimeInterval = 4
    static let errorLifetime: TimeInterval = 8

    public init(_ text: String, isError: Bool = false, now: Date) {
        self.text = text
        self.isError = isError
        self.expires = now.addingTimeInterval(isError ? Self.errorLifetime : Self.infoLifetime)
    }

    func isShowing(at now: Date) -> Bool { now < expires }
}
