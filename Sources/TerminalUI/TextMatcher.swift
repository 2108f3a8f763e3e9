import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The `/` filter: a case-insensitive regular expression when the text is one, else the literal
/// text. Gives the ranges to highlight as well as whether a line matches.
public struct TextMatcher: @unchecked Sendable {
    public let pattern: String
    /// Nil for plain alternatives: they need no expression, to match or to highlight (a pasted
    /// 5,000-character expression is costly to compile, and to run over every cell drawn).
    private let regex: NSRegularExpression?
    /// Lower-cased pattern when it has no regular-expression syntax: matched by plain substring
    /// search, far cheaper than a regex over 100,000 rows.
    public let literal: String?
    /// Lower-cased alternatives when the pattern is only plain texts joined by `|` (135 order ids
    /// pasted as `a|b|c…`): found with a table of their first two bytes in one pass over a row,
    /// not by trying every alternative at every position.
    public let alternatives: LiteralSet?

    public init?(_ pattern: String) {
        guard !pattern.isEmpty else { return nil }
        self.pattern = pattern
        let special = CharacterSet(charactersIn: "\\^$.|?*+()[]{}")
        literal = pattern.unicodeScalars.contains(where: special.contains) ? nil : pattern.lowercased()
        let parts = pattern.split(separator: "|", omittingEmptySubsequences: false)
        let alternativeSpecial = CharacterSet(charactersIn: "\\^$.?*+()[]{}")
        alternatives =
            literal == nil && parts.count > 1
                && parts.allSatisfy({ !$0.isEmpty && !$0.unicodeScalars.contains(where: alternativeSpecial.contains) })
            ? LiteralSet(parts.map { $0.lowercased() }) : nil
        if alternatives != nil {
            regex = nil
        } else if let regex = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]) {
            self.regex = regex
        } else {
            self.regex = try! NSRegularExpression(
                pattern: NSRegularExpression.escapedPattern(for: pattern), options: [.caseInsensitive])
        }
    }

    /// Plain text, or plain texts joined by `|`: matched on lower-cased keys without a regex.
    public var isPlainText: Bool { literal != nil || alternatives != nil }

    public func matches(_ text: String) -> Bool {
        if let literal { return text.lowercased().contains(literal) }
        if let alternatives { return alternatives.occurs(in: text.lowercased()) }
        guard let regex else { return false }
        return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// Matches against text already lower-cased (a precomputed search key): for a literal, a
    /// byte search over the UTF-8, which is what keeps filtering 100,000 rows per keystroke
    /// within a frame. Lower-cased UTF-8 substring ⇔ lower-cased character substring here, since
    /// both sides were lower-cased the same way.
    public func matches(lowercased text: String) -> Bool {
        if let alternatives { return alternatives.occurs(in: text) }
        guard let literal else { return matches(text) }
        let needle = literal.utf8
        return text.utf8.withContiguousStorageIfAvailable { haystack in
            needle.withContiguousStorageIfAvailable { pattern in
                Self.contains(haystack, pattern)
            } ?? text.contains(literal)
        } ?? text.contains(literal)
    }

    /// Whether `needle` occurs in `haystack` (bytes): scan for the first byte, then compare.
    static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = needle.count
        guard count > 0 else { return true }
        guard count <= haystack.count else { return false }
        #if canImport(Glibc)
            // memchr (vectorised) finds each candidate first byte, memcmp checks the rest: several
            // times faster than comparing byte by byte in Swift.
            guard let base = haystack.baseAddress, let pattern = needle.baseAddress else { return false }
            var start = 0
            let last = haystack.count - count
            while start <= last {
                guard let hit = memchr(base + start, Int32(pattern[0]), last - start + 1) else { return false }
                let position = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if count == 1 || memcmp(base + position + 1, pattern + 1, count - 1) == 0 { return true }
                start = position + 1
            }
            return false
        #else
            let first = needle[0]
            var index = 0
            let last = haystack.count - count
            while index <= last {
                if haystack[index] == first {
                    var offset = 1
                    while offset < count && haystack[index + offset] == needle[offset] { offset += 1 }
                    if offset == count { return true }
                }
                index += 1
            }
            return false
        #endif
    }

    public func ranges(in text: String) -> [Range<String.Index>] {
        guard let regex else { return alternatives?.ranges(in: text) ?? [] }
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range, in: text)
        }
        .filter { !$0.isEmpty }
    }
}
