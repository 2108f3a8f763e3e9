import Foundation
import OrderDeckCore
import TerminalUI

#if canImport(Glibc)
    import Glibc
#endif

/// Text edited in `$VISUAL`/`$EDITOR` (vi by default) from the command line, through the shell
/// so `EDITOR="code --wait"` works; a non-zero exit changes nothing.
enum EditorText {
    static func edit(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "orderdeck-\(getpid())-\(UUID().uuidString.prefix(8)).json"
        guard
            FileManager.default.createFile(
                atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        else { throw CLIFailure(message: "cannot write \(path)", code: .failure) }
        defer { unlink(path) }
        let editor = EditorChoice.command(environment: CommandContext.current.environment)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "\(editor) \"$1\"", "sh", path]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CLIFailure(
                message: "the editor '\(editor)' exited with status \(process.terminationStatus); nothing replayed",
                code: .usage)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIFailure(message: "cannot read \(path) back", code: .failure)
        }
        return String(decoding: data, as: UTF8.self)
    }
}
