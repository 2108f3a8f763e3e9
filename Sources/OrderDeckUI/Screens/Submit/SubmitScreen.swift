import Foundation
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
    /// The id a re-run sends (a new order): chosen when the form is filled, shown in its `id` field.
    public private(set) var rerunId: String?

    /// The front door chosen with `v`; nil until then (the stack's preferred one).
    public var via: FrontDoor?

    public init(template: JSONValue) { self.template = template }

    /// The door a send goes through on this stack: the chosen one if the stack has it.
    func door(among doors: [FrontDoor]) -> FrontDoor {
        via.flatMap { doors.contains($0) ? $0 : nil } ?? doors.first ?? .api
    }

    /// The editable fields of the template: every top-level member, scalars as text and the
    /// rest (`items`, `customer`) as compact JSON. A re-run's `id` is the one it will send.
    public var fields: [(name: String, value: String)] {
        var list: [(name: String, value: String)] = (template.objectMembers ?? []).map { key, value in
            if key == "id", let rerunId { return (key, rerunId) }
            switch value {
            case .string(let text): return (key, text)
            case .number(let text): return (key, text)
            case .bool(let flag): return (key, flag ? "true" : "false")
            default: return (key, value.description)
            }
        }
        if let rerunId, template["id"] == nil { list.insert(("id", rerunId), at: 0) }
        return list
    }

    mutating func record(_ submission: Submission, resent: Bool) {
        last = submission
        lastWasResend = resent
        // A re-run sent: its id is taken now; another send is another new order.
        if !resent, rerunId != nil, submission.orderId == rerunId { rerunId = Self.newOrderId() }
    }

    /// What `E` opens in the editor: a re-run's order with the id its form shows (the one it
    /// will send), else the template.
    func textToEdit(now: Date) -> String { (rerunId != nil ? orderToSend(now: now) : template).prettyText + "\n" }

    /// The order a send uses: a re-run's with the id its form shows, a template's with a fresh one.
    func orderToSend(now: Date) -> JSONValue {
        if let rerunId { return OrderTemplate.fresh(from: template, id: rerunId, now: now) }
        return OrderTemplate.fresh(from: template, now: now)
    }

    static func newOrderId() -> String { UUID().uuidString.lowercased() }

    /// Sets a field, keeping its JSON type; a problem to show when the text does not fit it.
    mutating func setField(_ name: String, _ text: String) -> String? {
        if name == "id", rerunId != nil {
            guard !text.isEmpty else { return "id must not be empty" }
            rerunId = text
            return nil
        }
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
        case .array, .object, .null:
            // Structured members are edited as JSON and keep their kind (a list stays a list).
            let kind = OrderTemplate.kind(members[index].1)
            guard let parsed = try? JSONValue.parse(text) else { return "\(name) must be valid JSON (\(kind))" }
            guard OrderTemplate.kind(parsed) == kind || members[index].1 == .null else {
                return "\(name) must be \(kind)"
            }
            members[index].1 = parsed
        default:
            members[index].1 = .string(text)
        }
        template = .object(members)
        return nil
    }

    /// A failed order's input as the template (`n` on its execution): sent with a fresh id, so it
    /// is a new order, journaled like any other. The fresh id is in the form (its `id` field), so
    /// the operator sees — and can find afterwards — the id that will be sent.
    mutating func prefill(with input: JSONValue, rerunOf order: String, id: String = SubmitScreen.newOrderId()) {
        template = input
        field = 0
        rerunOf = order
        rerunId = id
    }

    /// The template as the operator saved it in the editor: kept only if it is a JSON object.
    mutating func replaceTemplate(with text: String) -> String? {
        do {
            let value = try JSONValue.parse(text)
            guard value.objectMembers != nil else { return "template not changed: it must be a JSON object" }
            // A re-run's id is the one the editor showed; a changed one is what it sends.
            if rerunId != nil, let id = value["id"]?.stringValue, !id.isEmpty { rerunId = id }
            template = value
            field = 0
            return nil
        } catch {
            return "template not changed: \(error)"
        }
    }
}
