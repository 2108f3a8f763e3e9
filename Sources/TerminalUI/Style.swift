/// How a cell looks. Colours are named; the terminal layer maps them to 256, 8 or no colours.
public struct Style: Hashable, Sendable {
    public enum Color: Hashable, Sendable {
        case none, black, red, green, yellow, blue, magenta, cyan, white, gray
    }

    public var foreground: Color
    public var background: Color
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool
    public var dim: Bool

    public init(
        foreground: Color = .none, background: Color = .none, bold: Bool = false, reverse: Bool = false,
        underline: Bool = false,
        dim: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
        self.dim = dim
    }

    public static let plain = Style()
    public static let header = Style(bold: true, reverse: true)
    public static let selected = Style(reverse: true)
    public static let highlight = Style(foreground: .black, background: .yellow)
    public static let error = Style(foreground: .red, bold: true)
    public static let muted = Style(foreground: .gray)
    public static let title = Style(foreground: .cyan, bold: true)

    public func with(_ change: (inout Style) -> Void) -> Style {
        var copy = self
        change(&copy)
        return copy
    }
}
