import Crypto
import Synchronization

/// Derived signing keys, cached per (secret, date, region, service) as the SigV4 spec recommends:
/// the four HMAC rounds of the derivation cost more than signing one request.
public final class SigningKeyCache: Sendable {
    private struct Scope: Hashable {
        let secret: String
        let date: String
        let region: String
        let service: String
    }

    private let entries = Mutex<[Scope: [UInt8]]>([:])
    private let capacity = 32

    public init() {}

    public func key(secret: String, date: String, region: String, service: String) -> SymmetricKey {
        let scope = Scope(secret: secret, date: date, region: region, service: service)
        if let cached = entries.withLock({ $0[scope] }) { return SymmetricKey(data: cached) }
        let derived = Self.derive(secret: secret, date: date, region: region, service: service)
        let bytes = derived.withUnsafeBytes { Array($0) }
        let capacity = self.capacity
        entries.withLock { cache in
            if cache.count >= capacity { cache.removeAll(keepingCapacity: true) }
            cache[scope] = bytes
        }
        return derived
    }

    /// Task 3 of the spec: kSecret → kDate → kRegion → kService → kSigning.
    static func derive(secret: String, date: String, region: String, service: String) -> SymmetricKey {
        var key = SymmetricKey(data: Array(("AWS4" + secret).utf8))
        for part in [date, region, service, "aws4_request"] {
            key = SymmetricKey(data: Array(HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key)))
        }
        return key
    }
}
