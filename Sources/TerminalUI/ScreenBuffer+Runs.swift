/// What a terminal must write to turn `previous` into this frame: runs of changed cells of one
/// style, each with the column it starts at. The curses terminal draws exactly these.
extension ScreenBuffer {
    public struct Run: Equatable, Sendable {
        public var x: Int
        public var y: Int
        public var text: String
        public var style: Style
    }

    /// Changed cells grouped into runs (all cells when `previous` is nil or another size). A run
    /// ends after a cell whose grapheme a terminal may measure differently than we do — a joined
    /// emoji (`👩‍💻`: two wide scalars and a zero width joiner, one cell pair here, four columns to
    /// a terminal that adds up code points) — so the next run is placed by its own column, and a
    /// disagreement about one grapheme's width can never shift the rest of the row.
    public func runs(over previous: ScreenBuffer?) -> [Run] {
        let previous = previous.flatMap { $0.width == width && $0.height == height ? $0 : nil }
        var runs: [Run] = []
        for y in 0..<height {
            var x = 0
            while x < width {
                let cell = self[x, y]
                if let previous, previous[x, y] == cell {
                    x += 1
                    continue
                }
                if cell.text.isEmpty {  // right half of a wide character, drawn with its left half
                    x += 1
                    continue
                }
                var run = cell.text
                var end = x + 1
                var last = cell
                while end < width, !Self.mayBeMeasuredDifferently(last.text) {
                    let next = self[end, y]
                    guard next.style == cell.style else { break }
                    if let previous, previous[end, y] == next { break }
                    run += next.text
                    last = next
                    end += 1
                }
                runs.append(Run(x: x, y: y, text: run, style: cell.style))
                x = end
            }
        }
        return runs
    }

    /// A grapheme of several scalars that are not combining marks after one base (a zero width
    /// joiner sequence, a flag, a keycap): terminals differ on its width.
    static func mayBeMeasuredDifferently(_ text: String) -> Bool {
        for scalar in text.unicodeScalars.dropFirst() {
            switch scalar.value {
            case 0x200D, 0xFE0F, 0x20E3, 0x1F1E6...0x1F1FF, 0x1F3FB...0x1F3FF: return true
            default: if scalar.properties.isEmojiPresentation { return true }
            }
        }
        return false
    }
}
