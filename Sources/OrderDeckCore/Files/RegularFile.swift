import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Reads a file OrderDeck keeps or is pointed at (the journal, a configuration file), telling
/// "not there" apart from "there but not readable": a directory, a dangling symbolic link, a FIFO
/// or a device (`/dev/zero` would never end), no permission. Each gets its reason, in words.
public enum RegularFile {
    public enum ReadResult: Equatable, Sendable {
        case missing
        case contents(Data)
        case unreadable(String)
    }

    public static func read(_ path: String, limit: Int = 256 << 20) -> ReadResult {
        var link = stat()
        if lstat(path, &link) != 0 {
            return errno == ENOENT ? .missing : .unreadable(String(cString: strerror(errno)))
        }
        var info = stat()
        if stat(path, &info) != 0 {
            if errno == ENOENT { return .unreadable("a symbolic link to a file that does not exist") }
            return .unreadable(String(cString: strerror(errno)))
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: return .unreadable("a directory, not a file")
        case S_IFIFO: return .unreadable("a FIFO, not a regular file")
        case S_IFCHR, S_IFBLK: return .unreadable("a device, not a regular file")
        case S_IFSOCK: return .unreadable("a socket, not a regular file")
        default: return .unreadable("not a regular file")
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            if errno == EACCES { return .unreadable("permission denied") }
            return .unreadable(String(cString: strerror(errno)))
        }
        defer { close(fd) }
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                return .unreadable(String(cString: strerror(errno)))
            }
            data.append(contentsOf: chunk[0..<count])
            if data.count > limit { return .unreadable("larger than \(limit >> 20) MB") }
        }
        return .contents(data)
    }
}
