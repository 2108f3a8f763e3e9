/// A strict check of the TOML subset an OrderDeck configuration uses, run before TOMLKit sees
/// the text: its bundled toml++ aborts the process (internal assertions, in debug builds) on some
/// malformed input — found by fuzzing — so only text this check accepts reaches it.
///
/// Accepted: comments, `[table]` / `[[array]]` headers of bare keys, `key = value` with bare,
/// quoted or dotted keys; values: single-line basic and literal strings, integers and decimals,
/// booleans, arrays (over several lines too) and one-line inline tables. Anything else — dates,
/// multi-line strings, inf/nan — is refused with its line and what was wrong.
struct TOMLPreflight {
    struct Failure: Error {
        var line: Int
        var reason: String
    }

    private let bytes: [UInt8]
    private var index = 0
    private var line = 1

    static func check(_ text: String) throws {
        var checker = TOMLPreflight(bytes: Array(text.utf8))
        try checker.document()
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private func fail(_ reason: String) -> Failure { Failure(line: line, reason: reason) }

    private mutating func advance() {
        if current == 0x0A { line += 1 }
        index += 1
    }

    private mutating func skipSpaces() {
        while let byte = current, byte == 0x20 || byte == 0x09 { index += 1 }
    }

    /// Spaces, comments and line breaks (inside arrays).
    private mutating func skipBlank() throws {
        while let byte = current {
            if byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A {
                advance()
            } else if byte == UInt8(ascii: "#") {
                try comment()
            } else {
                return
            }
        }
    }

    private mutating func comment() throws {
        while let byte = current, byte != 0x0A {
            if byte < 0x20 && byte != 0x09 && byte != 0x0D { throw fail("control character in a comment") }
            index += 1
        }
    }

    private mutating func endOfLine() throws {
        skipSpaces()
        if current == UInt8(ascii: "#") { try comment() }
        if current == 0x0D { index += 1 }
        guard current == nil || current == 0x0A else { throw fail("unexpected text after the value") }
        if current == 0x0A { advance() }
    }

    private mutating func document() throws {
        while current != nil {
            skipSpaces()
            switch current {
            case nil: return
            case 0x0A, 0x0D: advance()
            case UInt8(ascii: "#"): try comment()
            case UInt8(ascii: "["): try header()
            default:
                try keyValue(inline: false)
                try endOfLine()
            }
        }
    }

    private mutating func header() throws {
        index += 1
        let double = current == UInt8(ascii: "[")
        if double { index += 1 }
        skipSpaces()
        try key()
        skipSpaces()
        guard current == UInt8(ascii: "]") else { throw fail("malformed table header") }
        index += 1
        if double {
            guard current == UInt8(ascii: "]") else { throw fail("malformed table header") }
            index += 1
        }
        try endOfLine()
    }

    /// A dotted key: bare or quoted segments.
    private mutating func key() throws {
        while true {
            skipSpaces()
            switch current {
            case UInt8(ascii: "\""): try basicString()
            case UInt8(ascii: "'"): try literalString()
            default:
                let start = index
                while let byte = current, Self.isBare(byte) { index += 1 }
                guard index > start else { throw fail("a key must be a name or a quoted string") }
            }
            skipSpaces()
            guard current == UInt8(ascii: ".") else { return }
            index += 1
        }
    }

    private mutating func keyValue(inline: Bool) throws {
        try key()
        skipSpaces()
        guard current == UInt8(ascii: "=") else { throw fail("expected '=' after the key") }
        index += 1
        skipSpaces()
        try value(depth: 0)
    }

    private mutating func value(depth: Int) throws {
        guard depth < 32 else { throw fail("values nested too deeply") }
        switch current {
        case UInt8(ascii: "\""):
            if bytes[index...].starts(with: Array(#"""""#.utf8)) {
                throw fail("multi-line strings are not supported here")
            }
            try basicString()
        case UInt8(ascii: "'"):
            if bytes[index...].starts(with: Array("'''".utf8)) {
                throw fail("multi-line strings are not supported here")
            }
            try literalString()
        case UInt8(ascii: "["): try array(depth: depth)
        case UInt8(ascii: "{"): try inlineTable(depth: depth)
        case UInt8(ascii: "t"): try word("true")
        case UInt8(ascii: "f"): try word("false")
        case let byte?
        where byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte):
            try number()
        default: throw fail("expected a value (string, number, true/false, array or inline table)")
        }
    }

    private mutating func word(_ text: String) throws {
        guard bytes[index...].starts(with: Array(text.utf8)) else { throw fail("expected a value") }
        index += text.utf8.count
        if let byte = current, Self.isBare(byte) { throw fail("expected a value") }
    }

    private mutating func number() throws {
        if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
        try digits()
        if current == UInt8(ascii: ".") {
            index += 1
            try digits()
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            try digits()
        }
        if let byte = current, Self.isBare(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ":") {
            throw fail("malformed number (dates, hex and inf/nan are not supported here)")
        }
    }

    /// Digits with single underscores between them.
    private mutating func digits() throws {
        var count = 0
        while let byte = current {
            if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                count += 1
                index += 1
            } else if byte == UInt8(ascii: "_"), count > 0, index + 1 < bytes.count,
                (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index + 1])
            {
                index += 1
            } else {
                break
            }
        }
        guard count > 0 else { throw fail("malformed number") }
    }

    private mutating func basicString() throws {
        index += 1
        while true {
            guard let byte = current, byte != 0x0A else { throw fail("unterminated string") }
            if byte == UInt8(ascii: "\"") {
                index += 1
                return
            }
            if byte < 0x20 && byte != 0x09 || byte == 0x7F { throw fail("control character in a string") }
            if byte == UInt8(ascii: "\\") {
                index += 1
                guard let escape = current else { throw fail("unterminated string") }
                index += 1
                switch escape {
                case UInt8(ascii: "b"), UInt8(ascii: "t"), UInt8(ascii: "n"), UInt8(ascii: "f"), UInt8(ascii: "r"),
                    UInt8(ascii: "\""), UInt8(ascii: "\\"):
                    continue
                case UInt8(ascii: "u"): try hex(4)
                case UInt8(ascii: "U"): try hex(8)
                default: throw fail("unknown escape in a string")
                }
                continue
            }
            index += 1
        }
    }

    private mutating func hex(_ count: Int) throws {
        var value: UInt32 = 0
        for _ in 0..<count {
            guard let byte = current, let digit = Self.hexValue(byte) else { throw fail("malformed \\u escape") }
            value = value &* 16 &+ UInt32(digit)
            index += 1
        }
        guard Unicode.Scalar(value) != nil else { throw fail("\\u escape is not a Unicode scalar") }
    }

    private mutating func literalString() throws {
        index += 1
        while true {
            guard let byte = current, byte != 0x0A else { throw fail("unterminated string") }
            index += 1
            if byte == UInt8(ascii: "'") { return }
            if byte < 0x20 && byte != 0x09 || byte == 0x7F { throw fail("control character in a string") }
        }
    }

    private mutating func array(depth: Int) throws {
        let opened = line
        index += 1
        try skipBlank()
        if current == UInt8(ascii: "]") {
            index += 1
            return
        }
        while true {
            try value(depth: depth + 1)
            try skipBlank()
            if current == UInt8(ascii: ",") {
                index += 1
                try skipBlank()
                if current == UInt8(ascii: "]") {
                    index += 1
                    return
                }
                continue
            }
            if current == nil { throw Failure(line: opened, reason: "unterminated array") }
            guard current == UInt8(ascii: "]") else { throw fail("expected ',' or ']' in an array") }
            index += 1
            return
        }
    }

    private mutating func inlineTable(depth: Int) throws {
        index += 1
        skipSpaces()
        if current == UInt8(ascii: "}") {
            index += 1
            return
        }
        while true {
            skipSpaces()
            try key()
            skipSpaces()
            guard current == UInt8(ascii: "=") else { throw fail("expected '=' in an inline table") }
            index += 1
            skipSpaces()
            try value(depth: depth + 1)
            skipSpaces()
            if current == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard current == UInt8(ascii: "}") else { throw fail("expected ',' or '}' in an inline table") }
            index += 1
            return
        }
    }

    static func isBare(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: "-")
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
