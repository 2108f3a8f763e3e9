import Crypto
import Foundation
import Testing

@testable import SigV4

/// Behaviour beyond the official suite: double encoding for non-S3 services, secrets in
/// descriptions, the key cache and header handling the client relies on.
@Suite struct SignerBehaviourTests {
    let credentials = SigV4Credentials(
        accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        sessionToken: "TOKEN+/=")
    let date = Date(timeIntervalSince1970: 1_440_938_160)  // 2015-08-30T12:36:00Z

    @Test func aSharedCacheNeverSignsWithAnotherScopeOrSecond() {
        // The cache answers the last second's timestamp and key under one lock: alternating
        // services, secrets and seconds through one cache must sign as fresh signers do.
        let cache = SigningKeyCache()
        let other = SigV4Credentials(accessKeyId: "AKIDOTHER", secretAccessKey: "another secret")
        let request = SigningRequest(
            method: "POST", path: "/", headers: [.init("Host", "example.amazonaws.com")], body: Array("{}".utf8))
        for step in 0..<12 {
            let service = step % 2 == 0 ? "dynamodb" : "states"
            let secret = step % 3 == 0 ? credentials : other
            let when = date.addingTimeInterval(Double(step / 4) * 0.6)
            let shared = SigV4Signer(
                credentials: secret, region: "us-east-1", service: service, options: .init(), keyCache: cache)
            let fresh = SigV4Signer(credentials: secret, region: "us-east-1", service: service)
            let got = shared.signWithDetails(request, date: when)
            let want = fresh.signWithDetails(request, date: when)
            #expect(got.signature == want.signature, "step \(step)")
            #expect(got.request.headerValue("X-Amz-Date") == want.request.headerValue("X-Amz-Date"))
        }
    }

    @Test func hexWritesEveryByteValueAsFoundationFormatsIt() {
        // The hex writer stores two digits a byte from a table: every value, and after a prefix
        // of odd length (an unaligned store), must read as `%02x` does.
        let bytes = (0...255).map { UInt8($0) }
        let expected = bytes.map { String(format: "%02x", $0) }.joined()
        #expect(SigV4Signer.hex(bytes) == expected)
        var out = Array("abc".utf8)
        SigV4Signer.appendHex(bytes, to: &out)
        #expect(String(decoding: out, as: UTF8.self) == "abc" + expected)
    }

    @Test func headerValuesAreNormalisedAndRepeatedNamesJoined() {
        // Values copied whole when clean, trimmed and collapsed when not; names lower-cased and
        // sorted, repeated ones joined in the order given; unsigned headers left out.
        let headers = CanonicalHeaders([
            .init("X-B", "  two   words "), .init("x-a", "plain"), .init("X-b", "a\tb\r\n c"),
            .init("User-Agent", "ignored"), .init("X-Empty", "   "), .init("X-A", "second"),
        ])
        #expect(headers.canonical == "x-a:plain,second\nx-b:two words,a b c\nx-empty:\n")
        #expect(headers.signedHeaders == "x-a;x-b;x-empty")
    }

    @Test func nonS3ServicesEncodeThePathTwice() {
        let signer = SigV4Signer(credentials: credentials, region: "us-east-1", service: "execute-api")
        #expect(signer.canonicalURI("/main/order%20one") == "/main/order%2520one")
        #expect(signer.canonicalURI("/main/caf%C3%A9") == "/main/caf%25C3%25A9")
        #expect(signer.canonicalURI("") == "/")
        #expect(signer.canonicalURI("/a/./b/../c/") == "/a/c/")
    }

    @Test func singleEncodingKeepsAlreadyEncodedPaths() {
        let signer = SigV4Signer(
            credentials: credentials, region: "us-east-1", service: "s3",
            options: .init(doubleEncodePath: false, normalizePath: false))
        #expect(signer.canonicalURI("/my%20key/a+b") == "/my%20key/a%2Bb")
        #expect(signer.canonicalURI("/a//b/../c") == "/a//b/../c")
    }

    @Test func descriptionsNeverContainSecrets() {
        let text = "\(credentials) \(String(reflecting: credentials))"
        #expect(!text.contains(credentials.secretAccessKey))
        #expect(!text.contains("TOKEN+/="))
        #expect(text.contains("AKIDEXAMPLE"))
    }

    @Test func sessionTokenIsSignedAndAuthorizationReplaced() {
        let signer = SigV4Signer(credentials: credentials, region: "eu-west-1", service: "dynamodb")
        var request = SigningRequest(
            method: "POST", path: "/", headers: [.init("Host", "dynamodb.eu-west-1.amazonaws.com")],
            body: Array("{}".utf8))
        request.setHeader("Authorization", "stale")
        let signed = signer.signWithDetails(request, date: date)
        #expect(signed.request.headers.filter { $0.name.lowercased() == "authorization" }.count == 1)
        #expect(signed.request.headerValue("X-Amz-Security-Token") == "TOKEN+/=")
        #expect(signed.canonicalRequest.contains("x-amz-security-token:TOKEN+/="))
        #expect(
            signed.request.headerValue("Authorization")!.contains(
                "Credential=AKIDEXAMPLE/20150830/eu-west-1/dynamodb/aws4_request"))
    }

    @Test func userAgentIsNotSigned() {
        let signer = SigV4Signer(credentials: credentials, region: "us-east-1", service: "logs")
        let request = SigningRequest(
            method: "POST", path: "/", headers: [.init("Host", "h"), .init("User-Agent", "orderdeck/1")])
        let signed = signer.signWithDetails(request, date: date)
        #expect(!signed.canonicalRequest.contains("user-agent"))
    }

    @Test func changingTheBodyChangesTheSignature() {
        let signer = SigV4Signer(credentials: credentials, region: "us-east-1", service: "states")
        let base = SigningRequest(
            method: "POST", path: "/", headers: [.init("Host", "h")], body: Array("{\"a\":1}".utf8))
        var other = base
        other.body = Array("{\"a\":2}".utf8)
        #expect(
            signer.signWithDetails(base, date: date).signature != signer.signWithDetails(other, date: date).signature)
    }

    @Test func derivedKeyMatchesTheSpecExample() {
        // The IAM user guide's example: secret wJalr…, 20150830, us-east-1, iam.
        let key = SigningKeyCache.derive(
            secret: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", date: "20150830", region: "us-east-1", service: "iam")
        let hex = key.withUnsafeBytes { SigV4Signer.hex(Array($0)) }
        #expect(hex == "c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9")
    }

    @Test func cacheReturnsTheSameKeyAndSeparatesScopes() {
        let cache = SigningKeyCache()
        let a = cache.key(secret: "s", date: "20260101", region: "us-east-1", service: "logs")
        let b = cache.key(secret: "s", date: "20260101", region: "us-east-1", service: "logs")
        let c = cache.key(secret: "s", date: "20260102", region: "us-east-1", service: "logs")
        #expect(a == b)
        #expect(a != c)
    }

    @Test func uriEncodingRoundTripsAndKeepsMalformedEscapes() {
        #expect(URIEncoding.encode("a b+c/ሴ~") == "a%20b%2Bc%2F%E1%88%B4~")
        #expect(URIEncoding.encode("a/b", keepSlash: true) == "a/b")
        #expect(URIEncoding.decode("a%20b%2") == "a b%2")
        #expect(URIEncoding.decode("%zz") == "%zz")
        #expect(URIEncoding.decode(URIEncoding.encode("héllo wörld")) == "héllo wörld")
    }

    @Test func timestampFormatsUTC() {
        let time = SigV4Timestamp(Date(timeIntervalSince1970: 0))
        #expect(time.amzDate == "19700101T000000Z")
        #expect(time.shortDate == "19700101")
    }
}
