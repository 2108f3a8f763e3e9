import TerminalUI

/// Where the parts of the dashboard go at a terminal size — shared by the views (to draw) and
/// the key handlers (to scroll by the rows actually shown).
public struct Layout: Sendable, Equatable {
    public static let minimumWidth = 20
    public static let minimumHeight = 6

    public var width: Int
    public var height: Int

    public init(_ size: TerminalSize) {
        width = size.width
        height = size.height
    }

    public var isTooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }
    /// Tall terminals give notes a row of their own, so they never cover the key hints; short
    /// ones show notes in the tab row.
    public var hasNoteRow: Bool { height >= 10 }
    public var noteRow: Int { hasNoteRow ? height - 2 : 1 }
    public var hintRow: Int { height - 1 }
    public var bodyTop: Int { 2 }
    public var bodyHeight: Int { max(1, height - 3 - (hasNoteRow ? 1 : 0)) }
    /// Rows of a list that has a summary line and a column header above it.
    public var listRows: Int { max(1, bodyHeight - 2) }
}
