import Foundation
import OrderDeckCore

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
        let environment = CommandContext.current.environment
        let editor =
            environment["VISUAL"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["EDITOR"].flatMap {
                $0.isEmpty ? nil : $0
            } ?? "vi"
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
