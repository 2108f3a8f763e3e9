/// The INI dialect of `~/.aws/config` and `~/.aws/credentials`, parsed as botocore parses it.
///
/// Sections are `[name]`; `key = value` pairs; `#` and `;` start comment lines (and inline comments
/// after white space); a key with an empty value followed by indented `key = value` lines is a
/// sub-section (used by `[services x]` and the `s3 =` block). Malformed lines give an error with the
/// line number instead of being skipped silently.
public struct INIFile: Sendable, Equatable {
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

    public var sections: [String: Section] = [:]

    public init() {}

    public init(parsing text: String, path: String) throws {
        var current: String?
        var currentSubsection: String?
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = Substring(rawLine)
            if line.hasSuffix("\r") { line = line.dropLast() }
            let trimmed = line.trimmingSpaces()
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix(";") { continue }
            let indented = line.first == " " || line.first == "\t"
            if trimmed.hasPrefix("[") {
                guard trimmed.hasSuffix("]") else {
                    throw ParseError(path: path, line: lineNumber, reason: "section header is missing its closing ']'")
                }
                let name = trimmed.dropFirst().dropLast().trimmingSpaces()
                guard !name.isEmpty else {
                    throw ParseError(path: path, line: lineNumber, reason: "empty section name")
                }
                current = String(name)
                currentSubsection = nil
                if sections[String(name)] == nil {
                    sections[String(name)] = Section(name: String(name), line: lineNumber)
                }
                continue
            }
            guard let section = current else {
                throw ParseError(path: path, line: lineNumber, reason: "a setting before any [section]")
            }
            guard let equals = trimmed.firstIndex(where: { $0 == "=" || $0 == ":" }) else {
                throw ParseError(path: path, line: lineNumber, reason: "expected 'key = value'")
            }
            let key = trimmed[..<equals].trimmingSpaces().lowercased()
            let value = Self.stripInlineComment(trimmed[trimmed.index(after: equals)...]).trimmingSpaces()
            guard !key.isEmpty else {
                throw ParseError(path: path, line: lineNumber, reason: "a value with no key")
            }
            if indented, let subsection = currentSubsection {
                sections[section]!.subsections[subsection, default: [:]][key] = String(value)
                continue
            }
            if value.isEmpty {
                currentSubsection = key
                sections[section]!.subsections[key] = sections[section]!.subsections[key] ?? [:]
            } else {
                currentSubsection = nil
            }
            sections[section]!.values[key] = String(value)
        }
    }

    /// ` #` and ` ;` start an inline comment; a `#` inside a value (e.g. in a URL) does not.
    private static func stripInlineComment(_ value: Substring) -> Substring {
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
