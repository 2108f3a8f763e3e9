import Foundation

/// The `/` filter: a case-insensitive regular expression when the text is one, else the literal
/// text. Gives the ranges to highlight as well as whether a line matches.
public struct TextMatcher: @unchecked Sendable {
    public let pattern: String
    private let regex: NSRegularExpression

    public init?(_ pattern: String) {
        guard !pattern.isEmpty else { return nil }
        self.pattern = pattern
        if let regex = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]) {
            self.regex = regex
        } else {
            self.regex = try! NSRegularExpression(pattern: NSRegularExpression.escapedPattern(for: pattern), options: [.caseInsensitive])
        }
    }

    public func matches(_ text: String) -> Bool {
        regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    public func ranges(in text: String) -> [Range<String.Index>] {
        regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { Range($0.range, in: text) }.filter { !$0.isEmpty }
    }
}
