/// TOML text as OrderDeck writes it (`config init`): every key, table name, string and comment
/// escaped, so any value — a profile with a quote, a path with a backslash, a name with a newline
/// — reads back as written and can never add a line of its own
/// ([TOML 1.0](https://toml.io/en/v1.0.0): basic strings, quoted keys, comments).
public struct TOMLWriter: Sendable {
    /// A value OrderDeck's configuration uses.
    public enum Value: Sendable, Equatable {
        case string(String)
        case strings([String])
        case bool(Bool)

        var text: String {
            switch self {
            case .string(let text): TOMLWriter.quoted(text)
            case .strings(let texts): "[" + texts.map(TOMLWriter.quoted).joined(separator: ", ") + "]"
            case .bool(let value): value ? "true" : "false"
            }
        }
    }

    private var lines: [String] = []

    public init() {}

    /// The document, one newline at its end.
    public var text: String { lines.joined(separator: "\n") + "\n" }

    /// `# text`, a comment line per line of `text`.
    public mutating func comment(_ text: String) {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lines.append("# " + Self.commentSafe(String(line)))
        }
    }

    public mutating func blankLine() { lines.append("") }

    /// `[a.b]`: a table header, each part a bare key or a quoted one.
    public mutating func table(_ path: String...) {
        lines.append("[" + path.map(Self.key).joined(separator: ".") + "]")
    }

    /// `key = value`, with a comment after it when given.
    public mutating func set(_ key: String, _ value: Value, comment: String? = nil) {
        lines.append(
            Self.key(key) + " = " + value.text + (comment.map { "   # " + Self.commentSafe($0) } ?? ""))
    }

    /// A bare key when it is one (letters, digits, `-`, `_`), else a quoted one.
    public static func key(_ text: String) -> String {
        let bare =
            !text.isEmpty
            && text.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-"
                    || $0 == "_"
            }
        return bare ? text : quoted(text)
    }

    /// A basic string: quoted, with backslash, quote and every control character escaped.
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if isControl(scalar) { out += unicodeEscape(scalar) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }

    /// A comment may hold tabs but no other control character: those are shown as `\uXXXX`.
    static func commentSafe(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar != "\t", isControl(scalar) {
                out += unicodeEscape(scalar)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool { scalar.value < 0x20 || scalar.value == 0x7F }

    static func unicodeEscape(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    }
}
