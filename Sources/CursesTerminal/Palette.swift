import CNCursesW
import Foundation
import TerminalUI

/// Colour pairs for styles: 256 colours when the terminal has them, 8 otherwise, none with
/// `NO_COLOR` or a monochrome terminal (then bold/reverse carry the meaning).
final class Palette {
    let enabled: Bool
    let rich: Bool
    private var pairs: [String: Int16] = [:]
    private var nextPair: Int16 = 1

    init(enabled: Bool, rich: Bool) {
        self.enabled = enabled
        self.rich = rich
    }

    static func start() -> Palette {
        let wanted = ProcessInfo.processInfo.environment["NO_COLOR"].map { $0.isEmpty } ?? true
        guard wanted, has_colors() else { return Palette(enabled: false, rich: false) }
        start_color()
        use_default_colors()
        return Palette(enabled: true, rich: od_colors() >= 256)
    }

    func number(_ color: Style.Color) -> Int16 {
        switch color {
        case .none: return -1
        case .black: return 0
        case .red: return 1
        case .green: return 2
        case .yellow: return 3
        case .blue: return 4
        case .magenta: return 5
        case .cyan: return 6
        case .white: return 7
        case .gray: return rich ? 244 : 7
        }
    }

    func attributes(for style: Style) -> attr_t {
        var attributes = od_a_normal()
        if style.bold { attributes |= od_a_bold() }
        if style.reverse { attributes |= od_a_reverse() }
        if style.underline { attributes |= od_a_underline() }
        if style.dim || (!rich && style.foreground == .gray) { attributes |= od_a_dim() }
        guard enabled, style.foreground != .none || style.background != .none else { return attributes }
        let key = "\(style.foreground)/\(style.background)"
        if pairs[key] == nil, nextPair < 255 {
            init_pair(nextPair, number(style.foreground), number(style.background))
            pairs[key] = nextPair
            nextPair += 1
        }
        if let pair = pairs[key] { attributes |= od_color_pair(Int32(pair)) }
        return attributes
    }
}
