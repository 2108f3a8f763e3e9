/// Makes text from outside (order fields, log messages, AWS error messages) safe to show:
/// control characters — ESC above all, which starts terminal escape sequences — become visible
/// escapes (`\u{1b}`), so nothing a customer typed can move the cursor, change colours or set
/// the window title.
public enum TerminalSafe {
    public static func escape(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09: out += " "
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            default:
                if needsEscape(scalar) {
                    out += "\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return value < 0x20 || value == 0x7F || (0x80..<0xA0).contains(value) || value == 0x2028 || value == 0x2029
    }
}
