import Foundation
import OrderDeckCore
import TerminalUI

/// An input file the operator named (`--file`, '-' for standard input): one that cannot be read
/// is bad usage (64) whichever command reads it, with the reason.
enum InputFile {
    static func read(_ path: String) throws -> Data {
        if path == "-" { return CommandContext.current.input.read() }
        // FileManager reads pipes too (`--file <(…)`); the reason comes from a second look.
        if let contents = FileManager.default.contents(atPath: path) { return contents }
        let reason: String
        switch RegularFile.read(path) {
        case .missing: reason = "it does not exist"
        case .unreadable(let why): reason = why
        case .contents: reason = "it could not be read"
        }
        throw CLIFailure(message: "cannot read \(TerminalSafe.escape(path)): \(reason)", code: .usage)
    }
}
