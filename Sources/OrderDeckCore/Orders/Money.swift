/// Amounts as people read money: at least the currency's minor units (ISO 4217) — `89.0 EUR` is
/// `89.00 EUR`, `1500 JPY` stays `1500 JPY` — and never fewer digits than stored (nothing is
/// rounded away: an amount is shown exactly as DynamoDB keeps it, only padded).
public enum Money {
    /// Currencies whose minor unit is not the cent.
    static let minorUnits: [String: Int] = [
        "BIF": 0, "CLP": 0, "DJF": 0, "GNF": 0, "ISK": 0, "JPY": 0, "KMF": 0, "KRW": 0, "PYG": 0, "RWF": 0, "UGX": 0,
        "UYI": 0, "VND": 0, "VUV": 0, "XAF": 0, "XOF": 0, "XPF": 0,
        "BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3, "TND": 3, "CLF": 4, "UYW": 4,
    ]

    /// `amount` (a DynamoDB number's text) with `currency`, e.g. "89.00 EUR"; text that is not a
    /// plain decimal number is shown as it is.
    public static func format(_ amount: String?, currency: String?) -> String {
        guard let amount else { return currency ?? "" }
        let digits = minorUnits[currency?.uppercased() ?? ""] ?? 2
        var text = amount
        let body = amount.hasPrefix("-") ? amount.dropFirst() : Substring(amount)
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        let isDecimal =
            !body.isEmpty && parts.count <= 2
            && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
        if isDecimal {
            let fraction = parts.count == 2 ? String(parts[1]) : ""
            if fraction.count < digits {
                let padded = fraction + String(repeating: "0", count: digits - fraction.count)
                text = (amount.hasPrefix("-") ? "-" : "") + parts[0] + (digits > 0 ? "." + padded : "")
            }
        }
        return currency.map { "\(text) \($0)" } ?? text
    }
}
