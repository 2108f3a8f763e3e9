/// Which execution names OrderDeck sends: the API Gateway integration names an execution after the
/// order's `id`, and a re-send is recognised only if that name is the same. StartExecution refuses
/// names with white space, brackets, wildcards, most punctuation and control characters; a machine
/// that logs to CloudWatch takes only ASCII letters, digits, `-` and `_`, 1–80 of them — the
/// rule kept here, for the gateway and for the client checking an order before it is sent.
public enum ExecutionNameRule {
    public static let allowed = "1–80 characters: ASCII letters, digits, '-' and '_'"

    /// Nil when `name` is a valid execution name; otherwise what is wrong with it.
    public static func problem(with name: String) -> String? {
        if name.isEmpty { return "it is empty" }
        if name.utf8.count > 80 { return "it is \(name.utf8.count) bytes long" }
        if let bad = name.unicodeScalars.first(where: { !isAllowed($0) }) {
            let shown =
                bad.value < 0x21 || bad.value == 0x7F || (0x80..<0xA0).contains(bad.value)
                ? "U+" + String(bad.value, radix: 16, uppercase: true).leftPadded(to: 4) : "'\(bad)'"
            return "it contains \(shown)"
        }
        return nil
    }

    public static func isValid(_ name: String) -> Bool { problem(with: name) == nil }

    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x5F: return true
        default: return false
        }
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
