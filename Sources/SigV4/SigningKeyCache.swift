import Crypto
import Foundation
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

    /// A derived key; `SymmetricKey` is an immutable value, safe to share between threads.
    private struct SharedKey: @unchecked Sendable { let key: SymmetricKey }

    private let entries = Mutex<[Scope: SharedKey]>([:])
    /// The last key handed out: nearly every request signs with the same scope, and comparing four
    /// strings is cheaper than hashing them.
    private let last = Mutex<(Scope, SharedKey)?>(nil)
    /// The timestamp of the last second seen (formatting it is most of a fast signer's date work).
    private let lastTimestamp = Mutex<(Int, SigV4Timestamp)?>(nil)
    private let capacity = 32

    public init() {}

    public func key(secret: String, date: String, region: String, service: String) -> SymmetricKey {
        let scope = Scope(secret: secret, date: date, region: region, service: service)
        if let (lastScope, shared) = last.withLock({ $0 }), lastScope == scope { return shared.key }
        let key: SharedKey
        if let cached = entries.withLock({ $0[scope] }) {
            key = cached
        } else {
            key = SharedKey(key: Self.derive(secret: secret, date: date, region: region, service: service))
            let capacity = self.capacity
            entries.withLock { cache in
                if cache.count >= capacity { cache.removeAll(keepingCapacity: true) }
                cache[scope] = key
            }
        }
        last.withLock { $0 = (scope, key) }
        return key.key
    }

    public func timestamp(for date: Date) -> SigV4Timestamp {
        let second = Int(date.timeIntervalSince1970.rounded(.down))
        if let (cachedSecond, stamp) = lastTimestamp.withLock({ $0 }), cachedSecond == second { return stamp }
        let stamp = SigV4Timestamp(date)
        lastTimestamp.withLock { $0 = (second, stamp) }
        return stamp
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
