import AWSClient
import Foundation
import TerminalUI

/// Every line the CLI writes for the operator on stderr goes through here: the secrets OrderDeck
/// knows are taken out (an error body that echoes a token, a `credential_process` complaint) and
/// control characters are shown escaped (an order id holding `ESC ] 2 ;` cannot retitle or clear
/// the terminal) — the same escaping the dashboard and the tables use.
enum StandardError {
    /// Writes `text` (a line or several) and a newline.
    static func line(_ text: String) {
        let safe = text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { TerminalSafe.escape(SecretRedaction.redact(String($0))) }.joined(separator: "\n")
        CommandContext.current.errors.write(safe + "\n")
    }
}
