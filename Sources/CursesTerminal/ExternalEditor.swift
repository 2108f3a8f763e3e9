import CNCursesW
import Foundation
import TerminalUI

#if canImport(Glibc)
    import Glibc
#endif

/// Hands the terminal to `$VISUAL`/`$EDITOR` (vi by default) for a piece of text, then takes it
/// back: curses is suspended (`endwin`) while the editor runs and restored after.
enum ExternalEditor {
    static func edit(_ text: String) -> (String?, String?) {
        let path = NSTemporaryDirectory() + "orderdeck-\(getpid())-\(UUID().uuidString.prefix(8)).json"
        guard
            FileManager.default.createFile(
                atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        else {
            return (nil, "cannot write \(path)")
        }
        defer { unlink(path) }
        let editor = EditorChoice.command(environment: ProcessInfo.processInfo.environment)
        def_prog_mode()
        endwin()
        // Through the shell, so EDITOR="code --wait" style values work.
        let arguments: [String] = ["/bin/sh", "-c", "\(editor) \"$1\"", "sh", path]
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/sh", nil, nil, argv, environ)
        var status: Int32 = 0
        if spawned == 0 { while waitpid(pid, &status, 0) < 0 && errno == EINTR {} }
        reset_prog_mode()
        refresh()
        guard spawned == 0 else { return (nil, "cannot start the editor '\(editor)'") }
        guard status == 0 else {
            return (nil, "the editor '\(editor)' exited with status \(status >> 8); nothing changed")
        }
        guard let data = FileManager.default.contents(atPath: path) else { return (nil, "cannot read \(path) back") }
        return (String(decoding: data, as: UTF8.self), nil)
    }
}
