import Foundation
import SigV4

/// One case of the official SigV4 test suite in ../shared/sigv4-testsuite/v4, read at test time.
struct OfficialSuiteCase: Sendable {
    let name: String
    let directory: URL

    struct Context: Decodable {
        struct Credentials: Decodable {
            let access_key_id: String
            let secret_access_key: String
            let token: String?
        }
        let credentials: Credentials
        let expiration_in_seconds: Int
        let normalize: Bool
        let region: String
        let service: String
        let sign_body: Bool
        let timestamp: String
        let omit_session_token: Bool?
    }

    static var suiteDirectory: URL {
        if let override = ProcessInfo.processInfo.environment["ORDERDECK_SHARED_DIR"] {
            return URL(fileURLWithPath: override).appendingPathComponent("sigv4-testsuite/v4")
        }
        // Tests/SigV4Tests/<this file> → repository root → its sibling `shared`.
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return repository.deletingLastPathComponent().appendingPathComponent("shared/sigv4-testsuite/v4")
    }

    static func all() -> [OfficialSuiteCase] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: suiteDirectory.path)) ?? []
        return names.sorted().map { OfficialSuiteCase(name: $0, directory: suiteDirectory.appendingPathComponent($0)) }
    }

    func file(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    func context() throws -> Context {
        try JSONDecoder().decode(Context.self, from: Data(contentsOf: directory.appendingPathComponent("context.json")))
    }

    func signer() throws -> SigV4Signer {
        let context = try context()
        return SigV4Signer(
            credentials: SigV4Credentials(
                accessKeyId: context.credentials.access_key_id,
                secretAccessKey: context.credentials.secret_access_key,
                sessionToken: context.credentials.token),
            region: context.region, service: context.service,
            options: .init(
                doubleEncodePath: false, normalizePath: context.normalize, addContentHashHeader: context.sign_body,
                omitSessionTokenFromSignature: context.omit_session_token ?? false))
    }

    func date() throws -> Date {
        let formatter = ISO8601DateFormatter()
        return formatter.date(from: try context().timestamp)!
    }

    /// Parses `request.txt`: request line, headers (continuation lines start with white space), body.
    func request() throws -> SigningRequest {
        let text = try file("request.txt")
        var lines = text.components(separatedBy: "\n")
        let requestLine = lines.removeFirst()
        let method = String(requestLine.prefix { $0 != " " })
        var target = String(requestLine.dropFirst(method.count + 1))
        if let range = target.range(of: " HTTP/", options: .backwards) { target = String(target[..<range.lowerBound]) }
        var rawPath = target
        var query: [SigningRequest.QueryItem] = []
        if let mark = target.firstIndex(of: "?") {
            rawPath = String(target[..<mark])
            for pair in target[target.index(after: mark)...].split(separator: "&", omittingEmptySubsequences: true) {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                query.append(
                    .init(
                        URIEncoding.decode(String(parts[0])),
                        parts.count > 1 ? URIEncoding.decode(String(parts[1])) : ""))
            }
        }
        var headers: [SigningRequest.Header] = []
        var bodyLines: [String] = []
        var inBody = false
        for line in lines {
            if inBody {
                bodyLines.append(line)
                continue
            }
            if line.isEmpty {
                inBody = true
                continue
            }
            if line.first == " " || line.first == "\t", !headers.isEmpty {
                headers[headers.count - 1].value += "\n" + line
                continue
            }
            let parts = line.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            headers.append(.init(String(parts[0]), parts.count > 1 ? String(parts[1]) : ""))
        }
        let wirePath = URIEncoding.encode(URIEncoding.decode(rawPath), keepSlash: true)
        return SigningRequest(
            method: method, path: wirePath, query: query, headers: headers,
            body: Array(bodyLines.joined(separator: "\n").utf8))
    }

    /// The `Authorization` value in a signed-request file.
    func expectedAuthorization(_ fileName: String) throws -> String? {
        try file(fileName).components(separatedBy: "\n").first { $0.lowercased().hasPrefix("authorization:") }
            .map { String($0.dropFirst("authorization:".count)) }
    }

    /// The query parameters of the request line of a signed-request file, as a sorted list.
    func expectedQueryParameters(_ fileName: String) throws -> [String] {
        let requestLine = try file(fileName).components(separatedBy: "\n")[0]
        guard let mark = requestLine.firstIndex(of: "?") else { return [] }
        var query = String(requestLine[requestLine.index(after: mark)...])
        if let range = query.range(of: " HTTP/", options: .backwards) { query = String(query[..<range.lowerBound]) }
        // The suite writes some names raw (UTF-8); compare in the canonical encoding.
        return query.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = URIEncoding.encode(URIEncoding.decode(String(parts[0])))
            let value = parts.count > 1 ? URIEncoding.encode(URIEncoding.decode(String(parts[1]))) : ""
            return name + "=" + value
        }.sorted()
    }
}
