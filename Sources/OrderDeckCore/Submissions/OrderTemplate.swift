import AWSClient
import Foundation

/// Builds orders to submit: from the stack's template with a fresh id, or from given JSON, which
/// must be a JSON object (validated before anything is journaled or sent).
public enum OrderTemplate {
    /// The template with a new `id` and `submittedAt`, amounts recomputed from items when both exist.
    public static func fresh(from template: JSONValue, id: String = UUID().uuidString.lowercased(), now: Date = Date())
        -> JSONValue
    {
        var members = template.objectMembers ?? []
        members.removeAll { $0.0 == "id" || $0.0 == "submittedAt" }
        members.insert(("id", .string(id)), at: 0)
        members.append(("submittedAt", .string(ISO8601.format(now))))
        return .object(members)
    }

    /// Parses and checks an order given as text (file, --data, stdin): a JSON object with an id
    /// (one is added when missing, so a re-send is recognised as the same order).
    public static func parse(_ text: String) throws -> JSONValue {
        let value: JSONValue
        do {
            value = try JSONValue.parse(text)
        } catch {
            throw CoreError.invalidInput("the order is not valid JSON: \(error)")
        }
        guard var members = value.objectMembers else {
            throw CoreError.invalidInput("the order must be a JSON object, not \(kind(value))")
        }
        if let id = value["id"] {
            guard case .string(let text) = id, !text.isEmpty else {
                throw CoreError.invalidInput("the order's id must be a non-empty string")
            }
        } else {
            members.insert(("id", .string(UUID().uuidString.lowercased())), at: 0)
        }
        return .object(members)
    }

    /// What a JSON value is, as an operator says it ("an array", "a string").
    public static func kind(_ value: JSONValue) -> String {
        switch value {
        case .array: return "an array"
        case .string: return "a string"
        case .number: return "a number"
        case .bool: return "a boolean"
        case .null: return "null"
        case .object: return "an object"
        }
    }
}
