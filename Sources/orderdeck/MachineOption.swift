import OrderDeckCore
import TerminalUI

extension StackSession {
    /// The stack's machines as listed, or only the one `--machine` names (by name or ARN). A
    /// machine the stack does not watch is an unknown value, as an unknown `--status` is: usage.
    func listedMachines(only name: String?) async throws -> [MachineListing] {
        let all = try await listedMachines()
        guard let name else { return all }
        guard let named = all.first(where: { $0.name == name || $0.arn == name }) else {
            throw CLIFailure(
                message:
                    "no state machine '\(TerminalSafe.escape(name))' in stack \(config.name) (have: \(all.map(\.name).joined(separator: ", ")))",
                code: .usage)
        }
        return [named]
    }
}
