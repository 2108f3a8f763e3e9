import Foundation

/// The STS calls credential providers need, kept in this module so providers do not depend on the
/// services module.
enum STSCredentialCalls {
    static func assumeRole(
        client: AWSClient, roleArn: String, sessionName: String, externalId: String?, durationSeconds: Int?,
        source: String
    ) async throws -> AWSCredentials {
        var parameters = [("RoleArn", roleArn), ("RoleSessionName", sessionName)]
        if let externalId { parameters.append(("ExternalId", externalId)) }
        if let durationSeconds { parameters.append(("DurationSeconds", String(durationSeconds))) }
        let result = try await client.query(.sts, "AssumeRole", parameters)
        return try credentials(from: result, source: source)
    }

    static func assumeRoleWithWebIdentity(
        client: AWSClient, roleArn: String, sessionName: String, token: String, source: String
    ) async throws -> AWSCredentials {
        let result = try await client.query(
            .sts, "AssumeRoleWithWebIdentity",
            [("RoleArn", roleArn), ("RoleSessionName", sessionName), ("WebIdentityToken", token)], signed: false)
        return try credentials(from: result, source: source)
    }

    static func credentials(from result: XMLNode, source: String) throws -> AWSCredentials {
        guard let node = result.child("Credentials") ?? result.first("Credentials"),
            let keyId = node.string("AccessKeyId"), let secret = node.string("SecretAccessKey")
        else {
            throw AWSClientError.credentialSource(source: source, reason: "STS answer has no Credentials")
        }
        return AWSCredentials(
            accessKeyId: keyId, secretAccessKey: secret, sessionToken: node.string("SessionToken"),
            expiration: node.string("Expiration").flatMap(ISO8601.parse), source: source)
    }
}

/// ISO-8601 timestamps as AWS writes them, with or without fractional seconds.
public enum ISO8601 {
    public static func parse(_ text: String) -> Date? {
        if let fast = parseFast(text) { return fast }
        let plain = ISO8601DateFormatter()
        if let date = plain.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = fractional.date(from: text) { return date }
        // `2026-11-23T10:00:00UTC` (the SSO cache's legacy form).
        if text.hasSuffix("UTC") { return plain.date(from: String(text.dropLast(3)) + "Z") }
        return nil
    }

    /// `2026-11-23T10:00:00.123Z`, built from the broken-down UTC time: formatters cost far
    /// more than this, and the CLI prints one per order, event and execution.
    public static func formatMilliseconds(_ date: Date) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(24)
        writeMilliseconds(date, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `formatMilliseconds`, appended to a byte buffer (the CLI's streamed JSON).
    public static func writeMilliseconds(_ date: Date, into out: inout [UInt8]) {
        // The four-digit form covers years 0001–9999; a date beyond (or not a number) is written
        // at the nearest end instead of trapping (callers refuse such dates before: `Order.date`).
        let interval =
            date.timeIntervalSince1970.isNaN
            ? 0 : min(max(date.timeIntervalSince1970, -62_135_596_800), 253_402_300_799)
        var whole = interval.rounded(.down)
        var millis = Int(((interval - whole) * 1000).rounded())
        if millis >= 1000 {
            whole += 1
            millis -= 1000
        }
        var seconds = time_t(whole)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func digits(_ value: Int, _ width: Int) {
            var divisor = 1
            for _ in 1..<width { divisor *= 10 }
            var rest = value
            while divisor > 0 {
                out.append(UInt8(ascii: "0") + UInt8((rest / divisor) % 10))
                rest %= divisor
                divisor /= 10
            }
        }
        digits(Int(parts.tm_year) + 1900, 4)
        out.append(UInt8(ascii: "-"))
        digits(Int(parts.tm_mon) + 1, 2)
        out.append(UInt8(ascii: "-"))
        digits(Int(parts.tm_mday), 2)
        out.append(UInt8(ascii: "T"))
        digits(Int(parts.tm_hour), 2)
        out.append(UInt8(ascii: ":"))
        digits(Int(parts.tm_min), 2)
        out.append(UInt8(ascii: ":"))
        digits(Int(parts.tm_sec), 2)
        out.append(UInt8(ascii: "."))
        digits(millis, 3)
        out.append(UInt8(ascii: "Z"))
    }

    public static func format(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
            Int(parts.tm_mday),
            Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }

    /// `YYYY-MM-DDTHH:MM:SS[.fraction][Z|±HH:MM]` without a formatter: orders are parsed by the
    /// hundred thousand, and a DateFormatter per value would dominate loading them.
    static func parseFast(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 19, bytes[4] == 45, bytes[7] == 45, bytes[10] == 84 || bytes[10] == 32, bytes[13] == 58,
            bytes[16] == 58
        else {
            return nil
        }
        func number(_ start: Int, _ length: Int) -> Int? {
            var value = 0
            for index in start..<(start + length) {
                let byte = bytes[index]
                guard byte >= 48 && byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
            let minute = number(14, 2), let second = number(17, 2), (1...12).contains(month), (1...31).contains(day),
            hour < 24, minute < 60,
            second < 61
        else { return nil }
        var index = 19
        var fraction = 0.0
        if index < bytes.count, bytes[index] == 46 {
            index += 1
            var scale = 0.1
            while index < bytes.count, bytes[index] >= 48 && bytes[index] <= 57 {
                fraction += Double(bytes[index] - 48) * scale
                scale /= 10
                index += 1
            }
        }
        var offset = 0
        if index < bytes.count {
            switch bytes[index] {
            case 90: index += 1  // Z
            case 43, 45:  // + or -
                guard bytes.count >= index + 6, let hours = number(index + 1, 2), let minutes = number(index + 4, 2)
                else { return nil }
                offset = (hours * 3600 + minutes * 60) * (bytes[index] == 45 ? -1 : 1)
                index += 6
            default: return nil
            }
        } else {
            return nil  // no zone: not ISO-8601 as AWS writes it
        }
        guard index == bytes.count else { return nil }
        var parts = tm()
        parts.tm_year = Int32(year - 1900)
        parts.tm_mon = Int32(month - 1)
        parts.tm_mday = Int32(day)
        parts.tm_hour = Int32(hour)
        parts.tm_min = Int32(minute)
        parts.tm_sec = Int32(second)
        let epoch = timegm(&parts)
        return Date(timeIntervalSince1970: Double(epoch - offset) + fraction)
    }
}
