import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Standard output for every command (the context's: the process's, or memory in the in-process
/// tests): buffered (64 KB writes; a `print` per piece would be a system call each) and quiet on a
/// closed pipe. When the reader goes away (`| head -1`, `| jq`
/// that stops early) the command ends at once with status 0 — never a crash, a backtrace or a
/// follow that keeps polling for nobody. SIGPIPE is ignored (`OrderDeckCommand.main`), so a
/// write to a closed pipe fails with EPIPE and lands here.
struct StandardOutput {
    private var buffer: [UInt8] = []

    init() { buffer.reserveCapacity(1 << 16) }

    mutating func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    /// Lets `body` append bytes straight into the buffer (JSON written without a `String`).
    mutating func write(_ body: (inout [UInt8]) throws -> Void) rethrows {
        try body(&buffer)
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        CommandContext.current.output.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes every byte to file descriptor 1, or ends the process quietly if nobody reads.
    static func writeAll(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = Glibc.write(1, raw.baseAddress! + offset, raw.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0 && errno == EINTR {
                    continue
                } else {
                    if errno == EPIPE { exit(ExitStatus.success.rawValue) }
                    exit(ExitStatus.failure.rawValue)
                }
            }
        }
    }

    /// One line (or piece) straight to the terminal or pipe.
    static func emit(_ text: String) { CommandContext.current.output.write(text) }
}

/// `print` for this module: through `StandardOutput`, so every command ends quietly on a closed
/// pipe (the standard library's `print` would keep writing into a failed stream).
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    StandardOutput.emit(items.map { "\($0)" }.joined(separator: separator) + terminator)
}
