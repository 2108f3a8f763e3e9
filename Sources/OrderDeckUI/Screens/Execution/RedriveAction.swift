import OrderDeckCore
import TerminalUI

/// `R` on an execution, and `:redrive shown` on the Executions list: RedriveExecution after a
/// confirmation that says what will happen. Refused beforehand, with the redriver's own wording,
/// when the execution or the place rules it out (Express, still running, succeeded, the local
/// stack's engine, NOT_REDRIVABLE); hidden on a read-only stack like every key that changes it.
extension DashboardState {
    mutating func beginRedrive(_ execution: Execution?) {
        guard let execution else { return }
        if let refusal = redriveRefusal(execution) {
            say(refusal, isError: true)
            return
        }
        let number = execution.redrive.count + 1
        confirmation = Confirmation(
            question:
                "Redrive \(execution.name) on \(stack.name)? It runs again from the states that did not succeed, same ARN (redrive \(number)). y/N",
            effect: .redrive([execution.arn]),
            declined: "not redriven: \(execution.name) stays \(execution.status)")
    }

    /// `:redrive shown`: every execution the Executions list shows that can be redriven, counted,
    /// with how many shown ones are left out and why.
    mutating func beginRedriveShown() {
        guard screen == .executions else {
            say(":redrive shown works on the Executions list (filter it first: f status, / name)", isError: true)
            return
        }
        let shown = executions.visible
        let chosen = shown.filter { redriveRefusal($0) == nil }
        guard !chosen.isEmpty else {
            let reason = shown.first.flatMap(redriveRefusal) ?? "no executions shown"
            say("nothing to redrive among the \(shown.count) shown: \(reason)", isError: true)
            return
        }
        let skipped = shown.count - chosen.count
        let left = skipped > 0 ? " (\(skipped) shown can't be: running, succeeded, Express or not redrivable)" : ""
        confirmation = Confirmation(
            question:
                "Redrive \(chosen.count) execution\(chosen.count == 1 ? "" : "s") on \(stack.name)\(left)? Each runs again from the states that did not succeed. y/N",
            effect: .redrive(chosen.map(\.arn)), declined: "nothing redriven")
    }

    /// Why this execution cannot be redriven here, or nil: the redriver's refusal, from what the
    /// dashboard holds (a list row does not know NOT_REDRIVABLE; the redrive itself checks again).
    func redriveRefusal(_ execution: Execution) -> String? {
        ExecutionRedriver.refusal(
            execution.arn, standing: .init(execution), localStack: stack.isLocal)
    }

    /// The Execution screen's redrive line: its redrives so far, and for one that ended badly
    /// whether `R` would redrive it — or why not, before the operator tries. Nil: nothing to say.
    func redriveLine(_ execution: Execution) -> String? {
        var parts: [String] = []
        if execution.redrive.happened {
            parts.append(
                "↻ redriven \(execution.redrive.count)×, last \(Format.time(execution.redrive.date))")
        }
        if execution.status.isFailure {
            if execution.isExpress {
                // Said where the key would be, with the key that does what can be done instead.
                parts.append("no redrive for Express executions — n re-runs the order as a new one")
            } else if let refusal = redriveRefusal(execution) {
                parts.append("no redrive: \(refusal)")
            } else if !stack.readOnly {
                parts.append("R redrives it (\(execution.redrive.status?.rawValue ?? "redrivable as far as known"))")
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }
}
