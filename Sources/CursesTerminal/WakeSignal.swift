import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Wakes the terminal loop from its `poll()` when background work has posted an update — so the
/// loop needs no timer and an idle dashboard uses no CPU.
public final class WakeSignal: Sendable {
    let readEnd: Int32
    let writeEnd: Int32

    public init() {
        var fds: [Int32] = [0, 0]
        pipe(&fds)
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        readEnd = fds[0]
        writeEnd = fds[1]
    }

    public func wake() {
        var byte: UInt8 = 1
        _ = write(writeEnd, &byte, 1)
    }

    func drain() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(readEnd, &buffer, 64) > 0 {}
    }

    deinit {
        close(readEnd)
        close(writeEnd)
    }
}
