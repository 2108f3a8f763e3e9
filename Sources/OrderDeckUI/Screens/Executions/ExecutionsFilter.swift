import Foundation
import OrderDeckCore

/// The Executions screen's `/` filter read apart: `version:7` (or `v:7`) and `alias:prod` terms
/// keep the executions that ran that version or were started through that alias; the rest of the
/// text is matched as before (name, status, and now the version's text).
struct ExecutionsFilter: Sendable, Hashable {
    var qualifiers: [StateMachineQualifier]
    /// The text left once the terms are taken out (spaces between the parts kept).
    var text: String

    init(_ filter: String) {
        var qualifiers: [StateMachineQualifier] = []
        var rest: [Substring] = []
        for word in filter.split(separator: " ", omittingEmptySubsequences: false) {
            if let qualifier = Execution.qualifier(filterTerm: String(word)) {
                qualifiers.append(qualifier)
            } else {
                rest.append(word)
            }
        }
        self.qualifiers = qualifiers
        self.text = qualifiers.isEmpty ? filter : rest.joined(separator: " ").trimmingCharacters(in: .whitespaces)
    }
}
