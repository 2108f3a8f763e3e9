import Foundation

/// The STS calls credential providers need, kept in this module so providers do not depend on the
/// services module.
enum STSCredentialCalls {
    static func assumeRole(
        client: AWSClient, roleArn: String, sessionName: String, externalId: String?, durationSeconds: Int?, source: String
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
        let plain = ISO8601DateFormatter()
        if let date = plain.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = fractional.date(from: text) { return date }
        // `2026-11-23T10:00:00UTC` (the SSO cache's legacy form).
        if text.hasSuffix("UTC") { return plain.date(from: String(text.dropLast(3)) + "Z") }
        return nil
    }

    public static func format(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }
}
