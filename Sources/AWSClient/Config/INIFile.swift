/// The INI dialect of `~/.aws/config` and `~/.aws/credentials`, read as the AWS SDKs read it
/// ("Shared config and credentials files", AWS SDKs and Tools Reference Guide; the Java and Rust
/// SDKs' profile file parsers are its executable form).
///
/// - Lines end in `\n`, `\r\n` or `\r` (a file from Windows reads like any other); a leading
///   byte-order mark is skipped.
/// - `#` and `;` start a comment line; after a section header they start a comment anywhere
///   (`[profile foo] # work`, `[profile foo];x`); after a value only when white space precedes
///   them (`value;x` keeps `;x`).
/// - Sections: in the config file `[profile NAME]` (white space around and inside trimmed),
///   `[default]`, `[sso-session NAME]` and `[services NAME]`; anything else is not a profile and is
///   ignored with its properties. In the credentials file `[NAME]`, so `[profile x]` is not one.
///   A name with characters outside letters, digits and `- / . % @ _ : +` is ignored with its
///   properties, as is a property whose name has other characters (a space).
/// - `key = value`; an indented line after it continues the value with a newline (trimmed). A
///   key with an empty value followed by indented `name = value` lines is a sub-section (the
///   `s3 =` block, `[services x]`).
/// - What the specification says to ignore never fails the file; a line that is malformed
///   where it stands gives the file, line and reason.
public struct INIFile: Sendable, Equatable {
    /// Which file the text is: section names mean different things in each.
    public enum Kind: Sendable, Equatable {
        case config
        case credentials
    }

    public struct Section: Sendable, Equatable {
        public var name: String
        public var values: [String: String] = [:]
        public var subsections: [String: [String: String]] = [:]
        public var line: Int
    }

    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        public var path: String
        public var line: Int
        public var reason: String
        public var description: String { "\(path):\(line): \(reason)" }

        public init(path: String, line: Int, reason: String) {
            self.path = path
            self.line = line
            self.reason = reason
        }
    }

    /// Sections by their normalised name: `default`, `profile NAME`, `sso-session NAME`,
    /// `services NAME` (config file) or `NAME` (credentials file).
    public var sections: [String: Section] = [:]

    public init() {}

    public init(parsing text: String, path: String, kind: Kind = .config) throws {
        var parser = Parser(kind: kind, path: path)
        for (number, line) in Self.lines(of: Array(text.utf8)).enumerated() {
            try parser.read(line, number: number + 1)
        }
        sections = parser.sections
    }

    /// Splits on `\n`, `\r\n` and a lone `\r`, on bytes: a Swift `String` holds `"\r\n"` as one
    /// `Character`, so splitting its characters on `"\n"` never splits a Windows file.
    static func lines(of bytes: [UInt8]) -> [Substring] {
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var lines: [Substring] = []
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                lines.append(String(decoding: bytes[start..<index], as: UTF8.self)[...])
                if byte == UInt8(ascii: "\r"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\n") {
                    index += 1
                }
                start = index + 1
            }
            index += 1
        }
        if start < bytes.count { lines.append(String(decoding: bytes[start...], as: UTF8.self)[...]) }
        return lines
    }

    /// Whether a profile, section or property name is one the SDKs accept.
    public static func isValidName(_ name: Substring) -> Bool {
        !name.isEmpty
            && name.unicodeScalars.allSatisfy { scalar in
                switch scalar {
                case "a"..."z", "A"..."Z", "0"..."9", "-", "/", ".", "%", "@", "_", ":", "+": true
                default: false
                }
            }
    }
}

extension INIFile {
    /// The line-by-line state of one file.
    struct Parser {
        enum Property {
            /// No property yet in this section (an indented line then starts one).
            case none
            /// A property being read: its continuation lines extend it.
            case value(key: String)
            /// A key with an empty value: indented lines are its sub-properties.
            case subsection(key: String)
            /// A property the specification ignores, with its continuation lines.
            case ignored
        }

        let kind: Kind
        let path: String
        var sections: [String: Section] = [:]
        /// The section being read; nil before the first or inside one that is ignored.
        var current: String?
        var ignoringSection = false
        var property = Property.none

        init(kind: Kind, path: String) {
            self.kind = kind
            self.path = path
        }

        func error(_ line: Int, _ reason: String) -> ParseError {
            ParseError(path: path, line: line, reason: reason)
        }

        mutating func read(_ line: Substring, number: Int) throws {
            let trimmed = line.trimmingSpaces()
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix(";") { return }
            let indented = line.first == " " || line.first == "\t"
            if trimmed.hasPrefix("[") {
                try readSectionHeader(trimmed, number: number)
            } else if indented, case .none = property {
                try readProperty(trimmed, number: number)
            } else if indented {
                try readContinuation(trimmed, number: number)
            } else {
                try readProperty(trimmed, number: number)
            }
        }

        /// `[name]`, comments after it, the name normalised for the kind of file.
        mutating func readSectionHeader(_ line: Substring, number: Int) throws {
            property = .none
            let withoutComment = line.prefix { $0 != "#" && $0 != ";" }.trimmingSpaces()
            guard withoutComment.hasSuffix("]") else {
                throw error(number, "section header is missing its closing ']'")
            }
            let inner = withoutComment.dropFirst().dropLast().trimmingSpaces()
            guard !inner.isEmpty else { throw error(number, "empty section name") }
            guard let name = normalisedName(inner) else {
                current = nil
                ignoringSection = true
                return
            }
            current = name
            ignoringSection = false
            if sections[name] == nil { sections[name] = Section(name: name, line: number) }
        }

        /// The section's key, or nil when the specification says the section is not read.
        func normalisedName(_ inner: Substring) -> String? {
            switch kind {
            case .credentials:
                return isValidName(inner) ? String(inner) : nil
            case .config:
                if inner == "default" { return "default" }
                for prefix in ["profile", "sso-session", "services"] {
                    guard inner.hasPrefix(prefix) else { continue }
                    let rest = inner.dropFirst(prefix.count)
                    guard rest.first == " " || rest.first == "\t" else { continue }
                    let name = rest.trimmingSpaces()
                    return isValidName(name) ? "\(prefix) \(name)" : nil
                }
                return nil
            }
        }

        func isValidName(_ name: Substring) -> Bool { INIFile.isValidName(name) }

        /// `key = value` at the start of a line (or indented, before any property).
        mutating func readProperty(_ line: Substring, number: Int) throws {
            if ignoringSection { return }
            guard let section = current else { throw error(number, "a setting before any [section]") }
            let (key, value) = try split(line, number: number)
            guard isValidName(key[...]) else {
                property = .ignored
                return
            }
            sections[section]!.values[key] = value
            if value.isEmpty {
                property = .subsection(key: key)
                sections[section]!.subsections[key] = sections[section]!.subsections[key] ?? [:]
            } else {
                property = .value(key: key)
            }
        }

        /// An indented line: more of the value, or a sub-property.
        mutating func readContinuation(_ line: Substring, number: Int) throws {
            guard !ignoringSection, let section = current else { return }
            switch property {
            case .none, .ignored:
                return
            case .value(let key):
                sections[section]!.values[key, default: ""] += "\n" + line
            case .subsection(let key):
                let (name, value) = try split(line, number: number)
                guard isValidName(name[...]) else { return }
                sections[section]!.subsections[key, default: [:]][name] = value
            }
        }

        /// `key = value` → lower-cased key, value without its comment, both trimmed.
        func split(_ line: Substring, number: Int) throws -> (String, String) {
            guard let equals = line.firstIndex(where: { $0 == "=" || $0 == ":" }) else {
                throw error(number, "expected 'key = value'")
            }
            let key = line[..<equals].trimmingSpaces().lowercased()
            guard !key.isEmpty else { throw error(number, "a value with no key") }
            let value = INIFile.stripInlineComment(line[line.index(after: equals)...]).trimmingSpaces()
            return (key, String(value))
        }
    }

    /// ` #` and ` ;` start an inline comment; a `#` inside a value (e.g. in a URL) does not.
    static func stripInlineComment(_ value: Substring) -> Substring {
        var previous: Character = " "
        for index in value.indices {
            let character = value[index]
            if (character == "#" || character == ";") && (previous == " " || previous == "\t")
                && index != value.startIndex
            {
                return value[..<index]
            }
            previous = character
        }
        return value
    }
}

extension Substring {
    func trimmingSpaces() -> Substring {
        var result = self
        while let first = result.first, first == " " || first == "\t" { result = result.dropFirst() }
        while let last = result.last, last == " " || last == "\t" { result = result.dropLast() }
        return result
    }
}
