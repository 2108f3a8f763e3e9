import Foundation
import Synchronization

/// Takes the secrets OrderDeck knows out of any text it is about to show: an error body that
/// echoes a session token (a 403 page), a `credential_process` command's stderr, a message that
/// quotes a request. Every credential is registered when it is made (`AWSCredentials`), so is
/// every API key OrderDeck sends and the secret variables of the environment; what only looks
/// like a secret (`"SecretAccessKey": "…"`, `aws_session_token = …`, `x-api-key: …`) goes too.
public enum SecretRedaction {
    /// What a secret is replaced with.
    public static let marker = "‹redacted›"
    private static let known = Mutex<Set<String>>([])
    /// The environment variables whose values are secrets.
    public static let secretVariables = ["AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN"]
    /// Names whose values are secrets wherever they appear as `name = value` / `"name": "value"`.
    static let secretNames = [
        "secretaccesskey", "sessiontoken", "aws_secret_access_key", "aws_session_token", "aws_security_token",
        "x-api-key", "accesstoken", "secret_key", "api_key",
    ]

    /// Remembers a secret value. Short values are not remembered: replacing every "abc" in a
    /// message would hide more than it protects (AWS secrets are 40 characters and more).
    public static func register(_ secret: String?) {
        guard let secret = secret?.trimmingCharacters(in: .whitespacesAndNewlines), secret.count >= 8 else { return }
        known.withLock { _ = $0.insert(secret) }
    }

    /// Remembers the secret variables of an environment.
    public static func register(environment: [String: String]) {
        for name in secretVariables { register(environment[name]) }
    }

    /// `text` with every known secret, and every value of a secret-named field, replaced.
    public static func redact(_ text: String) -> String {
        var out = text
        let secrets = known.withLock { $0 }.sorted { $0.count > $1.count }
        for secret in secrets where out.contains(secret) {
            out = out.replacingOccurrences(of: secret, with: marker)
        }
        return redactNamedValues(out)
    }

    /// `"SessionToken": "…"`, `aws_secret_access_key = …`, `x-api-key: …`: the value after a
    /// secret's name (case-insensitive), up to the end of the quoted string or of the word.
    static func redactNamedValues(_ text: String) -> String {
        let lowered = text.lowercased()
        guard secretNames.contains(where: { lowered.contains($0) }) else { return text }
        var result = ""
        var rest = Substring(text)
        while let (nameEnd, valueRange) = nextNamedValue(in: rest) {
            result += rest[..<nameEnd]
            result += rest[nameEnd..<valueRange.lowerBound]
            result += marker
            rest = rest[valueRange.upperBound...]
        }
        return result + rest
    }

    /// The next secret name followed by `=`, `:` or `": "`, and the range of its value.
    private static func nextNamedValue(in text: Substring) -> (String.Index, Range<String.Index>)? {
        var best: (String.Index, Range<String.Index>)?
        for name in secretNames {
            var search = text.startIndex..<text.endIndex
            while let found = text.range(of: name, options: .caseInsensitive, range: search) {
                search = found.upperBound..<text.endIndex
                var index = found.upperBound
                if index < text.endIndex, text[index] == "\"" || text[index] == "'" { index = text.index(after: index) }
                while index < text.endIndex, text[index] == " " || text[index] == "\t" {
                    index = text.index(after: index)
                }
                guard index < text.endIndex, text[index] == "=" || text[index] == ":" else { continue }
                index = text.index(after: index)
                while index < text.endIndex, text[index] == " " || text[index] == "\t" {
                    index = text.index(after: index)
                }
                var quote: Character?
                if index < text.endIndex, text[index] == "\"" || text[index] == "'" {
                    quote = text[index]
                    index = text.index(after: index)
                }
                let start = index
                while index < text.endIndex {
                    let character = text[index]
                    if let quote, character == quote { break }
                    if quote == nil,
                        character.isWhitespace || character == "," || character == "}" || character == "&"
                            || character == ";" || character == "<"
                    {
                        break
                    }
                    index = text.index(after: index)
                }
                guard index > start else { continue }
                if best == nil || start < best!.1.lowerBound { best = (found.upperBound, start..<index) }
                break
            }
        }
        return best
    }
}
