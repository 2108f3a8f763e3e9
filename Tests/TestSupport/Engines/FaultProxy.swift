import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A fault-injecting HTTP proxy on loopback, between OrderDeck and the local stack (moto).
///
/// Each request is either forwarded to the upstream port unchanged or, with probability `rate`,
/// answered with one of `faults` — chosen by a seeded generator so a failing run can be replayed.
/// Faults that never reach the server (errors, throttling, resets, refusals) cannot double a write;
/// the ones that spoil an answer (cut short, invalid JSON) forward first, as a flaky network would.
/// It also plays two server behaviours moto lacks: a skewed server clock that refuses requests
/// signed more than 5 minutes away from it, and going away (connections refused) and coming back.
public final class FaultProxy: @unchecked Sendable {
    public enum Fault: String, CaseIterable, Sendable {
        case internalError = "500"
        case unavailable = "503"
        case throttling = "throttling"
        case reset = "reset"
        case stall = "stall"
        case truncatedBody = "cut-short"
        case invalidJSON = "invalid-json"
    }

    public struct Stats: Sendable, CustomStringConvertible {
        public var requests = 0
        public var forwarded = 0
        public var injected: [Fault: Int] = [:]
        public var skewRefusals = 0
        public var totalInjected: Int { injected.values.reduce(0, +) }
        public var description: String {
            let kinds = injected.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue) \($0.value)" }
            return "\(requests) requests, \(totalInjected) injected (\(kinds.joined(separator: ", ")))"
        }
    }

    public let upstreamPort: Int
    public private(set) var port: Int = 0
    private let lock = NSLock()
    private var listener: Int32 = -1
    private var generator: SeededGenerator
    private var rate = 0.0
    private var faults: [Fault] = Fault.allCases
    private var stallSeconds = 2.0
    private var serverClockOffset: TimeInterval = 0
    private var stats = Stats()
    private var clients = Set<Int32>()

    public init(upstreamPort: Int, seed: UInt64 = 42) throws {
        self.upstreamPort = upstreamPort
        self.generator = SeededGenerator(seed: seed)
        try listen(on: 0)
    }

    deinit { stopListening() }

    public var endpoint: String { "http://127.0.0.1:\(port)" }
    public var currentStats: Stats { lock.withLock { stats } }

    /// Injects `faults` into a `rate` share of requests from now on (0 turns injection off).
    public func inject(_ faults: [Fault] = Fault.allCases, rate: Double, stallSeconds: Double = 2) {
        lock.withLock {
            self.faults = faults
            self.rate = rate
            self.stallSeconds = stallSeconds
        }
    }

    /// The server's clock runs `offset` seconds ahead of ours (negative: behind); its Date headers say so.
    public func skewServerClock(by offset: TimeInterval) { lock.withLock { serverClockOffset = offset } }

    /// The stack goes away, as a killed server does: open connections are cut and new ones refused
    /// until `comeBack()`.
    public func goAway() {
        stopListening()
        for client in lock.withLock({ clients }) { shutdown(client, Int32(SHUT_RDWR)) }
    }

    /// The stack is back on the same port.
    public func comeBack() throws { try listen(on: port) }

    // MARK: - Listening

    private func listen(on wanted: Int) throws {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw ProxyError.socket("socket: errno \(errno)") }
        var yes: Int32 = 1
        setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = Self.loopback(port: wanted)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, Glibc.listen(socket, 128) == 0 else {
            close(socket)
            throw ProxyError.socket("bind/listen on 127.0.0.1:\(wanted): errno \(errno)")
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        lock.withLock {
            listener = socket
            port = Int(UInt16(bigEndian: actual.sin_port))
        }
        Thread.detachNewThread { [weak self] in self?.acceptLoop(socket) }
    }

    private func stopListening() {
        let socket = lock.withLock { () -> Int32 in
            defer { listener = -1 }
            return listener
        }
        if socket >= 0 {
            shutdown(socket, Int32(SHUT_RDWR))
            close(socket)
        }
    }

    private func acceptLoop(_ socket: Int32) {
        while true {
            let client = accept(socket, nil, nil)
            if client < 0 {
                if errno == EINTR { continue }
                return  // closed by goAway/deinit
            }
            lock.withLock { _ = clients.insert(client) }
            Thread.detachNewThread { [weak self] in
                self?.serve(client)
                self?.forget(client)
                close(client)
            }
        }
    }

    private func forget(_ client: Int32) { lock.withLock { _ = clients.remove(client) } }

    // MARK: - One connection

    private func serve(_ client: Int32) {
        while let request = Self.readRequest(client) {
            let decision: (Fault?, Double, TimeInterval) = lock.withLock {
                stats.requests += 1
                var fault: Fault?
                if rate > 0, !faults.isEmpty, Double.random(in: 0..<1, using: &generator) < rate {
                    fault = faults.randomElement(using: &generator)
                    stats.injected[fault!, default: 0] += 1
                }
                return (fault, stallSeconds, serverClockOffset)
            }
            let (fault, stall, offset) = decision
            if offset != 0, let refusal = skewRefusal(request, offset: offset) {
                lock.withLock { stats.skewRefusals += 1 }
                Self.write(client, refusal)
                continue
            }
            switch fault {
            case .internalError:
                Self.write(
                    client, Self.response(500, #"{"__type":"InternalFailure","message":"injected by FaultProxy"}"#))
            case .unavailable:
                Self.write(
                    client, Self.response(503, #"{"__type":"ServiceUnavailable","message":"injected by FaultProxy"}"#))
            case .throttling:
                Self.write(client, Self.throttlingResponse(for: request))
            case .reset:
                var option = linger(l_onoff: 1, l_linger: 0)
                setsockopt(client, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
                return
            case .stall:
                Thread.sleep(forTimeInterval: stall)
                guard let answer = forward(request, offset: offset) else { return }
                Self.write(client, answer)
            case .truncatedBody:
                guard let answer = forward(request, offset: offset) else { return }
                let (head, body) = Self.split(answer)
                Self.write(client, head + body.prefix(max(1, body.count / 2)))
                return  // the promised Content-Length never arrives
            case .invalidJSON:
                guard forward(request, offset: offset) != nil else { return }
                Self.write(client, Self.response(200, #"{"Items": [{"id": {"S": "x"}}, {"#))
            case nil:
                guard let answer = forward(request, offset: offset) else { return }
                lock.withLock { stats.forwarded += 1 }
                Self.write(client, answer)
            }
        }
    }

    /// The upstream's answer, re-framed with Content-Length and keep-alive (and a skewed Date).
    private func forward(_ request: [UInt8], offset: TimeInterval) -> [UInt8]? {
        let upstream = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard upstream >= 0 else { return nil }
        defer { close(upstream) }
        var address = Self.loopback(port: upstreamPort)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(upstream, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { return nil }
        let (head, body) = Self.split(request)
        var lines = String(decoding: head, as: UTF8.self).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        lines.removeAll { $0.lowercased().hasPrefix("connection:") }
        lines.append("Connection: close")
        Self.write(upstream, Array((lines.joined(separator: "\r\n") + "\r\n\r\n").utf8) + body)
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(upstream, &buffer, buffer.count)
            if count <= 0 { break }
            answer += buffer[0..<count]
        }
        let (answerHead, answerBody) = Self.split(answer)
        guard !answerHead.isEmpty else { return nil }
        var headers = String(decoding: answerHead, as: UTF8.self).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        let statusLine = headers.removeFirst()
        headers.removeAll {
            let name = $0.lowercased()
            return name.hasPrefix("connection:") || name.hasPrefix("content-length:")
                || name.hasPrefix("transfer-encoding:")
                || (offset != 0 && name.hasPrefix("date:"))
        }
        headers.append("Content-Length: \(answerBody.count)")
        if offset != 0 { headers.append("Date: \(Self.httpDate(Date().addingTimeInterval(offset)))") }
        return Array(([statusLine] + headers).joined(separator: "\r\n").utf8) + Array("\r\n\r\n".utf8) + answerBody
    }

    /// AWS refuses a signature dated more than 5 minutes from its clock and tells the client its time.
    private func skewRefusal(_ request: [UInt8], offset: TimeInterval) -> [UInt8]? {
        let (head, _) = Self.split(request)
        let text = String(decoding: head, as: UTF8.self)
        guard let line = text.components(separatedBy: "\r\n").first(where: { $0.lowercased().hasPrefix("x-amz-date:") })
        else { return nil }
        let value = line.dropFirst("x-amz-date:".count).trimmingCharacters(in: .whitespaces)
        let parser = DateFormatter()
        parser.locale = Locale(identifier: "en_US_POSIX")
        parser.timeZone = TimeZone(identifier: "UTC")
        parser.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        guard let signed = parser.date(from: value) else { return nil }
        let serverNow = Date().addingTimeInterval(offset)
        guard abs(signed.timeIntervalSince(serverNow)) > 300 else { return nil }
        return Self.response(
            400,
            #"{"__type":"InvalidSignatureException","message":"Signature expired: \#(value) is now earlier than the server's time"}"#,
            date: serverNow)
    }

    // MARK: - HTTP bits

    static func readRequest(_ socket: Int32) -> [UInt8]? {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        var headerEnd: Int?
        var contentLength = 0
        while true {
            if headerEnd == nil, let end = find(Array("\r\n\r\n".utf8), in: data) {
                headerEnd = end + 4
                let head = String(decoding: data[0..<end], as: UTF8.self).lowercased()
                if let line = head.components(separatedBy: "\r\n").first(where: { $0.hasPrefix("content-length:") }) {
                    contentLength =
                        Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) ?? 0
                }
            }
            if let headerEnd, data.count >= headerEnd + contentLength { return data }
            let count = read(socket, &buffer, buffer.count)
            if count <= 0 { return nil }
            data += buffer[0..<count]
        }
    }

    static func split(_ message: [UInt8]) -> ([UInt8], [UInt8]) {
        guard let end = find(Array("\r\n\r\n".utf8), in: message) else { return (message, []) }
        return (Array(message[0..<(end + 4)]), Array(message[(end + 4)...]))
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for index in 0...(haystack.count - needle.count) where haystack[index] == needle[0] {
            if Array(haystack[index..<(index + needle.count)]) == needle { return index }
        }
        return nil
    }

    static func response(_ status: Int, _ body: String, date: Date = Date()) -> [UInt8] {
        let reason =
            [200: "OK", 400: "Bad Request", 500: "Internal Server Error", 503: "Service Unavailable"][status] ?? "Error"
        let bytes = Array(body.utf8)
        let head =
            "HTTP/1.1 \(status) \(reason)\r\nContent-Type: application/x-amz-json-1.0\r\nDate: \(httpDate(date))\r\n"
            + "x-amzn-RequestId: fault-\(UUID().uuidString)\r\nContent-Length: \(bytes.count)\r\n\r\n"
        return Array(head.utf8) + bytes
    }

    /// DynamoDB answers ProvisionedThroughputExceededException; the other JSON services ThrottlingException.
    static func throttlingResponse(for request: [UInt8]) -> [UInt8] {
        let head = String(decoding: split(request).0, as: UTF8.self)
        if head.contains("DynamoDB_20120810.") {
            return response(
                400,
                #"{"__type":"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException","message":"The level of configured provisioned throughput for the table was exceeded."}"#
            )
        }
        return response(400, #"{"__type":"ThrottlingException","message":"Rate exceeded"}"#)
    }

    static func httpDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }

    static func write(_ socket: Int32, _ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes {
                send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            if written <= 0 { return }
            offset += written
        }
    }

    static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    enum ProxyError: Error { case socket(String) }
}
