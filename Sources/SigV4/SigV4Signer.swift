import Crypto
import Foundation

/// Signs requests with AWS Signature Version 4, in headers or in the query string (presigning).
///
/// Follows "Create a signed AWS API request" of the IAM user guide step by step:
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
/// Every function takes the signing `date`, so tests pin the clock.
public struct SigV4Signer: Sendable {
    public static let algorithm = "AWS4-HMAC-SHA256"
    /// Headers that proxies or clients may rewrite; signing them would break requests in transit.
    static let unsignedHeaders: Set<String> = ["authorization", "user-agent", "x-amzn-trace-id", "expect"]

    /// How the canonical request is built; the defaults are right for every service but S3.
    public struct Options: Sendable, Hashable {
        /// Non-S3 services encode the (already encoded) path a second time.
        public var doubleEncodePath: Bool
        /// Remove `.`/`..` segments and repeated slashes before encoding (non-S3 services).
        public var normalizePath: Bool
        /// Add and sign `X-Amz-Content-SHA256` (S3 requires it; others accept it).
        public var addContentHashHeader: Bool
        /// Add `X-Amz-Security-Token` after signing instead of signing it (an old IoT quirk).
        public var omitSessionTokenFromSignature: Bool

        public init(
            doubleEncodePath: Bool = true, normalizePath: Bool = true, addContentHashHeader: Bool = false,
            omitSessionTokenFromSignature: Bool = false
        ) {
            self.doubleEncodePath = doubleEncodePath
            self.normalizePath = normalizePath
            self.addContentHashHeader = addContentHashHeader
            self.omitSessionTokenFromSignature = omitSessionTokenFromSignature
        }
    }

    /// The intermediate products of signing, exposed so tests can compare each stage with the suite.
    public struct Result: Sendable {
        public var request: SigningRequest
        public var canonicalRequest: String
        public var stringToSign: String
        public var signature: String
    }

    public var credentials: SigV4Credentials
    public var region: String
    public var service: String
    public var options: Options
    private let keyCache: SigningKeyCache

    public init(credentials: SigV4Credentials, region: String, service: String, options: Options = Options()) {
        self.credentials = credentials
        self.region = region
        self.service = service
        self.options = options
        self.keyCache = SigningKeyCache()
    }

    /// Shares one signing-key cache between signers (e.g. one per service in a client).
    public init(
        credentials: SigV4Credentials, region: String, service: String, options: Options, keyCache: SigningKeyCache
    ) {
        self.credentials = credentials
        self.region = region
        self.service = service
        self.options = options
        self.keyCache = keyCache
    }

    // MARK: Header signing

    /// Adds `X-Amz-Date`, `X-Amz-Security-Token` (when there is one) and `Authorization`.
    public func sign(_ request: SigningRequest, date: Date = Date()) -> SigningRequest {
        signHeaders(request, date: date, keepDetails: false).request
    }

    public func signWithDetails(_ request: SigningRequest, date: Date = Date()) -> Result {
        signHeaders(request, date: date, keepDetails: true)
    }

    /// The header-signing path, built on byte buffers: every request the client sends goes through
    /// here, so it allocates little — the canonical request, the string to sign and the
    /// `Authorization` value are each written once as bytes, the key comes prepared
    /// (`SigningKeyCache.PreparedKey`), and the canonical request and string to sign become
    /// `String`s only when a caller asks for the details.
    func signHeaders(_ original: SigningRequest, date: Date, keepDetails: Bool) -> Result {
        let (time, prepared) = keyCache.signing(
            at: date, secret: credentials.secretAccessKey, region: region, service: service)
        var request = original
        var payloadHash: [UInt8] = []
        payloadHash.reserveCapacity(64)
        Self.appendHex(SHA256.hash(data: request.body), to: &payloadHash)
        let token = credentials.sessionToken
        let addHash = options.addContentHashHeader
        // One copy of the headers, with room for the ones added below.
        request.headers = []
        request.headers.reserveCapacity(original.headers.count + 4)
        for header in original.headers {
            let name = header.name
            let replaced =
                Self.equalsLowercased(name, "authorization") || Self.equalsLowercased(name, "x-amz-date")
                || (addHash && Self.equalsLowercased(name, "x-amz-content-sha256"))
                || (token != nil && Self.equalsLowercased(name, "x-amz-security-token"))
            if !replaced { request.headers.append(header) }
        }
        request.headers.append(.init("X-Amz-Date", time.amzDate))
        if addHash {
            request.headers.append(.init("X-Amz-Content-SHA256", String(decoding: payloadHash, as: UTF8.self)))
        }
        if let token, !options.omitSessionTokenFromSignature {
            request.headers.append(.init("X-Amz-Security-Token", token))
        }

        var canonical: [UInt8] = []
        canonical.reserveCapacity(512)
        let method = request.method
        if method.utf8.allSatisfy({ !(UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) }) {
            canonical.append(contentsOf: method.utf8)
        } else {
            canonical.append(contentsOf: method.uppercased().utf8)
        }
        canonical.append(0x0A)
        if request.path == "/" || request.path.isEmpty {
            canonical.append(UInt8(ascii: "/"))
        } else {
            canonical.append(contentsOf: canonicalURI(request.path).utf8)
        }
        canonical.append(0x0A)
        if !request.query.isEmpty { canonical.append(contentsOf: Self.canonicalQuery(request.query).utf8) }
        canonical.append(0x0A)
        var signedHeaders: [UInt8] = []
        signedHeaders.reserveCapacity(128)
        CanonicalHeaders.write(request.headers, block: &canonical, signed: &signedHeaders)
        canonical.append(0x0A)
        canonical.append(contentsOf: signedHeaders)
        canonical.append(0x0A)
        canonical.append(contentsOf: payloadHash)

        var stringToSign: [UInt8] = []
        stringToSign.reserveCapacity(160)
        stringToSign.append(contentsOf: Self.algorithm.utf8)
        stringToSign.append(0x0A)
        stringToSign.append(contentsOf: time.amzDate.utf8)
        stringToSign.append(0x0A)
        stringToSign.append(contentsOf: prepared.scope)
        stringToSign.append(0x0A)
        Self.appendHex(SHA256.hash(data: canonical), to: &stringToSign)

        var authenticator = prepared.authenticator
        authenticator.update(data: stringToSign)
        var authorization: [UInt8] = []
        authorization.reserveCapacity(256)
        authorization.append(contentsOf: Self.algorithm.utf8)
        authorization.append(contentsOf: " Credential=".utf8)
        authorization.append(contentsOf: credentials.accessKeyId.utf8)
        authorization.append(UInt8(ascii: "/"))
        authorization.append(contentsOf: prepared.scope)
        authorization.append(contentsOf: ", SignedHeaders=".utf8)
        authorization.append(contentsOf: signedHeaders)
        authorization.append(contentsOf: ", Signature=".utf8)
        let signatureStart = authorization.count
        Self.appendHex(authenticator.finalize(), to: &authorization)
        let signature = String(decoding: authorization[signatureStart...], as: UTF8.self)
        request.headers.append(.init("Authorization", String(decoding: authorization, as: UTF8.self)))
        if let token, options.omitSessionTokenFromSignature { request.setHeader("X-Amz-Security-Token", token) }
        return Result(
            request: request, canonicalRequest: keepDetails ? String(decoding: canonical, as: UTF8.self) : "",
            stringToSign: keepDetails ? String(decoding: stringToSign, as: UTF8.self) : "", signature: signature)
    }

    /// ASCII case-insensitive comparison with a lower-case literal, without allocating.
    @inline(__always)
    static func equalsLowercased(_ name: String, _ lower: StaticString) -> Bool {
        let count = lower.utf8CodeUnitCount
        guard name.utf8.count == count else { return false }
        return lower.withUTF8Buffer { expected in
            var index = 0
            for byte in name.utf8 {
                let folded = (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
                if folded != expected[index] { return false }
                index += 1
            }
            return true
        }
    }

    // MARK: Query signing (presigned URLs)

    /// Moves the signature into the query string, valid for `expires` seconds.
    public func presign(_ request: SigningRequest, expires: Int, date: Date = Date()) -> SigningRequest {
        presignWithDetails(request, expires: expires, date: date).request
    }

    public func presignWithDetails(_ request: SigningRequest, expires: Int, date: Date = Date()) -> Result {
        let time = SigV4Timestamp(date)
        var request = request
        let headers = CanonicalHeaders(request.headers)
        request.query.append(contentsOf: [
            .init("X-Amz-Algorithm", Self.algorithm),
            .init("X-Amz-Credential", "\(credentials.accessKeyId)/\(scope(time))"),
            .init("X-Amz-Date", time.amzDate),
            .init("X-Amz-Expires", String(expires)),
            .init("X-Amz-SignedHeaders", headers.signedHeaders),
        ])
        if let token = credentials.sessionToken, !options.omitSessionTokenFromSignature {
            request.query.append(.init("X-Amz-Security-Token", token))
        }
        let canonical = canonicalRequest(
            method: request.method, path: request.path, query: request.query, headers: headers,
            payloadHash: Self.hexSHA256(request.body))
        let stringToSign = self.stringToSign(canonicalRequest: canonical, time: time)
        let signature = self.signature(stringToSign: stringToSign, time: time)
        if let token = credentials.sessionToken, options.omitSessionTokenFromSignature {
            request.query.append(.init("X-Amz-Security-Token", token))
        }
        request.query.append(.init("X-Amz-Signature", signature))
        return Result(request: request, canonicalRequest: canonical, stringToSign: stringToSign, signature: signature)
    }

    // MARK: The four tasks of the spec

    /// Task 1: the canonical request.
    func canonicalRequest(
        method: String, path: String, query: [SigningRequest.QueryItem], headers: CanonicalHeaders, payloadHash: String
    ) -> String {
        var out = method.uppercased()
        out.reserveCapacity(256 + headers.canonical.utf8.count)
        out += "\n"
        out += canonicalURI(path)
        out += "\n"
        out += Self.canonicalQuery(query)
        out += "\n"
        out += headers.canonical
        out += "\n"
        out += headers.signedHeaders
        out += "\n"
        out += payloadHash
        return out
    }

    /// The canonical URI: normalised (unless told not to), each segment URI-encoded — twice for
    /// non-S3 services, whose path is already encoded once on the wire.
    public func canonicalURI(_ path: String) -> String {
        let rawPath = path.isEmpty ? "/" : path
        var segments = rawPath.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if options.normalizePath {
            segments = Self.normalize(segments, trailingSlash: rawPath.hasSuffix("/"))
        }
        let encoded = segments.map { segment -> String in
            if options.doubleEncodePath {
                return URIEncoding.encode(segment)
            }
            return URIEncoding.encode(URIEncoding.decode(segment))
        }
        let joined = encoded.joined(separator: "/")
        return joined.hasPrefix("/") ? joined : "/" + joined
    }

    /// RFC 3986 remove_dot_segments plus collapsing of empty segments, as AWS normalises paths.
    static func normalize(_ segments: [String], trailingSlash: Bool) -> [String] {
        var stack: [String] = []
        for segment in segments {
            switch segment {
            case "", ".": continue
            case "..": _ = stack.popLast()
            default: stack.append(segment)
            }
        }
        var result = [""] + stack
        if trailingSlash && !stack.isEmpty { result.append("") }
        if stack.isEmpty { result.append("") }
        return result
    }

    /// Query parameters encoded, then sorted by name and value (byte order).
    static func canonicalQuery(_ query: [SigningRequest.QueryItem]) -> String {
        guard !query.isEmpty else { return "" }
        let pairs = query.map { (URIEncoding.encode($0.name), URIEncoding.encode($0.value)) }
            .sorted { lhs, rhs in
                lhs.0 == rhs.0
                    ? lhs.1.utf8.lexicographicallyPrecedes(rhs.1.utf8)
                    : lhs.0.utf8.lexicographicallyPrecedes(rhs.0.utf8)
            }
        return pairs.map { $0.0 + "=" + $0.1 }.joined(separator: "&")
    }

    /// Task 2: the string to sign.
    func stringToSign(canonicalRequest: String, time: SigV4Timestamp) -> String {
        "\(Self.algorithm)\n\(time.amzDate)\n\(scope(time))\n\(Self.hexSHA256(Array(canonicalRequest.utf8)))"
    }

    /// Tasks 3 and 4: derive (or reuse) the signing key and sign.
    func signature(stringToSign: String, time: SigV4Timestamp) -> String {
        let key = keyCache.key(
            secret: credentials.secretAccessKey, date: time.shortDate, region: region, service: service)
        return Self.hex(HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: key))
    }

    func scope(_ time: SigV4Timestamp) -> String {
        var scope = time.shortDate
        scope.reserveCapacity(64)
        scope += "/"
        scope += region
        scope += "/"
        scope += service
        scope += "/aws4_request"
        return scope
    }

    // MARK: Hashing helpers

    public static func hexSHA256(_ bytes: [UInt8]) -> String {
        hex(SHA256.hash(data: bytes))
    }

    static func hex<D: ContiguousBytes>(_ digest: D) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        appendHex(digest, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Lower-case hex of every byte, appended (written in place, two digits a byte from a table:
    /// an append per digit cost more than the hashing).
    static func appendHex<D: ContiguousBytes>(_ digest: D, to out: inout [UInt8]) {
        digest.withUnsafeBytes { bytes in
            let start = out.count
            out.append(contentsOf: repeatElement(0, count: bytes.count * 2))
            out.withUnsafeMutableBytes { buffer in
                hexPairs.withUnsafeBufferPointer { pairs in
                    for (offset, byte) in bytes.enumerated() {
                        buffer.storeBytes(of: pairs[Int(byte)], toByteOffset: start + offset * 2, as: UInt16.self)
                    }
                }
            }
        }
    }

    /// The two hex digits of every byte value, high digit first in memory.
    private static let hexPairs: [UInt16] = (0...255).map { byte in
        (UInt16(hexDigit(UInt8(byte) >> 4)) | UInt16(hexDigit(UInt8(byte) & 0x0F)) << 8).littleEndian
    }

    @inline(__always)
    static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") - 10 + nibble
    }
}
