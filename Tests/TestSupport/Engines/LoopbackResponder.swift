import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A listener on a loopback port that answers every request with one canned HTTP response, or
/// never answers at all (a request left in flight, to kill its sender mid-send). Closed by `stop`.
public final class LoopbackResponder: @unchecked Sendable {
    public let port: Int
    private let fd: Int32
    private let lock = NSLock()
    private var stopped = false

    /// `response`: the bytes to send back after reading a request (nil: read, never answer).
    public init(response: String?) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.fd = fd
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(fd, 16) == 0 else { throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        let listener = fd
        let lock = self.lock
        Thread.detachNewThread { [unowned self] in
            _ = self
            var held: [Int32] = []
            while true {
                let client = accept(listener, nil, nil)
                if client < 0 { break }
                var buffer = [UInt8](repeating: 0, count: 65536)
                _ = read(client, &buffer, buffer.count)
                if let response {
                    _ = response.withCString { write(client, $0, strlen($0)) }
                    close(client)
                } else {
                    held.append(client)
                }
                if lock.withLock({ self.stopped }) { break }
            }
            for client in held { close(client) }
        }
    }

    public var url: String { "http://127.0.0.1:\(port)" }

    public func stop() {
        lock.withLock { stopped = true }
        shutdown(fd, Int32(SHUT_RDWR))
        close(fd)
    }

    /// An HTTP/1.1 answer with a JSON body.
    public static func http(status: Int, reason: String, body: String) -> String {
        "HTTP/1.1 \(status) \(reason)\r\nContent-Type: application/x-amz-json-1.0\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
    }
}
