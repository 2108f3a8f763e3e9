import Crypto
import Foundation
import Synchronization

/// Derived signing keys, cached per (secret, date, region, service) as the SigV4 spec recommends:
/// the four HMAC rounds of the derivation cost more than signing one request.
public final class SigningKeyCache: Sendable {
    struct Scope: Hashable {
        let secret: String
        let date: String
        let region: String
        let service: String
    }

    /// A derived key, with what signing with it needs ready: the HMAC with the key's pads already
    /// hashed (copied per request: copy-on-write), and the credential scope as bytes. Immutable
    /// values, safe to share between threads.
    struct PreparedKey: @unchecked Sendable {
        let key: SymmetricKey
        let authenticator: HMAC<SHA256>
        /// `date/region/service/aws4_request`.
        let scope: [UInt8]

        init(key: SymmetricKey, scope: Scope) {
            self.key = key
            authenticator = HMAC<SHA256>(key: key)
            self.scope = Array("\(scope.date)/\(scope.region)/\(scope.service)/aws4_request".utf8)
        }
    }

    private let entries = Mutex<[Scope: PreparedKey]>([:])
    /// The last key handed out: nearly every request signs with the same scope, and comparing four
    /// strings is cheaper than hashing them.
    private let last = Mutex<(Scope, PreparedKey)?>(nil)
    /// The timestamp of the last second seen (formatting it is most of a fast signer's date work).
    private let lastTimestamp = Mutex<(Int, SigV4Timestamp)?>(nil)
    private let capacity = 32

    public init() {}

    public func key(secret: String, date: String, region: String, service: String) -> SymmetricKey {
        prepared(secret: secret, date: date, region: region, service: service).key
    }

    /// The key for this scope, derived once and prepared for signing.
    func prepared(secret: String, date: String, region: String, service: String) -> PreparedKey {
        let scope = Scope(secret: secret, date: date, region: region, service: service)
        if let (lastScope, prepared) = last.withLock({ $0 }), lastScope == scope { return prepared }
        let prepared: PreparedKey
        if let cached = entries.withLock({ $0[scope] }) {
            prepared = cached
        } else {
            prepared = PreparedKey(
                key: Self.derive(secret: secret, date: date, region: region, service: service), scope: scope)
            let capacity = self.capacity
            entries.withLock { cache in
                if cache.count >= capacity { cache.removeAll(keepingCapacity: true) }
                cache[scope] = prepared
            }
        }
        last.withLock { $0 = (scope, prepared) }
        return prepared
    }

    /// What the last request signed with: its second and timestamp, its scope's key.
    private struct LastSigning: @unchecked Sendable {
        let second: Int
        let time: SigV4Timestamp
        let secret: String
        let region: String
        let service: String
        let prepared: PreparedKey
    }

    private let lastSigning = Mutex<LastSigning?>(nil)

    /// The timestamp of `date` and the prepared key of its scope, under one lock when the last
    /// request was signed in the same second with the same secret, region and service — nearly
    /// every request is.
    func signing(at date: Date, secret: String, region: String, service: String) -> (SigV4Timestamp, PreparedKey) {
        let second = Int(date.timeIntervalSince1970.rounded(.down))
        let hit = lastSigning.withLock { last -> (SigV4Timestamp, PreparedKey)? in
            guard let last, last.second == second, last.secret == secret, last.region == region,
                last.service == service
            else { return nil }
            return (last.time, last.prepared)
        }
        if let hit { return hit }
        let time = timestamp(for: date)
        let prepared = self.prepared(secret: secret, date: time.shortDate, region: region, service: service)
        lastSigning.withLock {
            $0 = LastSigning(
                second: second, time: time, secret: secret, region: region, service: service, prepared: prepared)
        }
        return (time, prepared)
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
