import OrderDeckCore

/// The Submit screen's state: the order template, the field being edited, what was sent.
public struct SubmitScreen: Sendable {
    public private(set) var template: JSONValue
    public var field = 0
    public private(set) var last: Submission?
    /// Whether the last submission was a re-send of a journaled one.
    public private(set) var lastWasResend = false
    public var submissions: [Submission] = []
    /// The order this one re-runs ("re-run of order X"), when the template came from a failed execution.
    public private(set) var rerunOf: String?

    public init(template: JSONValue) { self.template = template }

    /// The editable fields of the template: its top-level scalars.
    public var fields: [(name: String, value: String)] {
        (template.objectMembers ?? []).compactMap { key, value in
            switch value {
            case .string(let text): return (key, text)
            case .number(let text): return (key, text)
            case .bool(let flag): return (key, flag ? "true" : "false")
            default: return nil
            }
        }
    }

    mutating func record(_ submission: Submission, resent: Bool) {
        last = submission
        lastWasResend = resent
    }

    /// Sets a field, keeping its JSON type; a problem to show when the text does not fit it.
    mutating func setField(_ name: String, _ text: String) -> String? {
        guard var members = template.objectMembers, let index = members.firstIndex(where: { $0.0 == name }) else {
            return nil
        }
        switch members[index].1 {
        case .number:
            guard let parsed = try? JSONValue.parse(text), case .number = parsed else {
                return "\(name) must be a number"
            }
            members[index].1 = parsed
        case .bool:
            guard text == "true" || text == "false" else { return "\(name) must be true or false" }
            members[index].1 = .bool(text == "true")
        default:
            members[index].1 = .string(text)
        }
        template = .object(members)
        return nil
    }

    /// A failed order's input as the template (`n` on its execution): sent with a fresh id, so it
    /// is a new order, journaled like any other.
    mutating func prefill(with input: JSONValue, rerunOf order: String) {
        template = input
        field = 0
        rerunOf = order
    }

    /// The template as the operator saved it in the editor: kept only if it is a JSON object.
    mutating func replaceTemplate(with text: String) -> String? {
        do {
            let value = try JSONValue.parse(text)
            guard value.objectMembers != nil else { return "template not changed: it must be a JSON object" }
            template = value
            field = 0
            return nil
        } catch {
            return "template not changed: \(error)"
        }
    }
}
