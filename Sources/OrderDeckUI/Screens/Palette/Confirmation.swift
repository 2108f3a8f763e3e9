import Foundation
import OrderDeckCore
import TerminalUI

/// A question the hint row asks before an action that changes the stack: it says exactly what
/// will happen; `y` does it, any other key does not.
public struct Confirmation: Sendable, Equatable {
    public var question: String
    public var effect: Effect
    /// What the note says when the answer is no.
    public var declined: String
}

extension DashboardState {
    mutating func answer(_ confirmation: Confirmation, _ key: Key) -> [Effect] {
        self.confirmation = nil
        if key == .character("y") || key == .character("Y") { return [confirmation.effect] }
        say(confirmation.declined)
        return []
    }

    /// `x` on an execution: only a RUNNING Standard one, and only on a stack that is not read-only
    /// (there the key is not bound at all).
    mutating func beginStop(_ execution: Execution?) {
        guard let execution else { return }
        let arn = execution.arn
        if let refusal = ExecutionStopper.refusal(arn, status: execution.status) {
            say(refusal, isError: true)
        } else {
            prompt = Prompt(.stopReason(arn), text: "Operator.Stopped: stopped from OrderDeck")
        }
    }

    /// After the reason: the confirmation, saying exactly what StopExecution will be asked.
    mutating func askToStop(_ arn: ExecutionARN, reason: String) {
        let parts = reason.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        let error = parts.first.flatMap { $0.isEmpty ? nil : $0 }
        let cause = parts.count > 1 && !parts[1].isEmpty ? parts[1] : nil
        let detail = "error \(error ?? "none"), cause \(cause.map { "'\($0)'" } ?? "none")"
        confirmation = Confirmation(
            question: "Stop \(arn.name) on \(stack.name) (StopExecution, \(detail))? y/N",
            effect: .stop(arn, error: error, cause: cause), declined: "not stopped: \(arn.name) keeps running")
    }
}
