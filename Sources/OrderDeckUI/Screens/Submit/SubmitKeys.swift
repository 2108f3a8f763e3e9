import OrderDeckCore
import TerminalUI

enum SubmitAction: Sendable {
    case down, up, edit, editJSON, send, watch, resend, via
}

enum SubmitKeys {
    static let table = KeyTable<SubmitAction>([
        .init([.down, .character("j")], "next field", .down),
        .init([.up, .character("k")], "previous field", .up),
        .init([.enter, .character("e")], "edit the field", hint: "edit", .edit),
        .init([.character("E")], "edit the whole order as JSON in $EDITOR (validated)", hint: "JSON", .editJSON),
        .init([.character("s")], "send (journaled first)", hint: "send", .send),
        .init(
            [.character("v")], "front door: API, AppSync, queue or StartExecution (those the stack has)", hint: "via",
            .via),
        .init([.character("w")], "open the new execution", hint: "watch", .watch),
        .init([.character("R")], "re-send the last submission (same order id)", hint: "re-send", .resend),
    ])
}

extension DashboardState {
    mutating func handleSubmit(_ key: Key) -> [Effect] {
        guard let action = SubmitKeys.table.action(for: key) else { return [] }
        if stack.readOnly { return refuseReadOnly() }
        let fields = submit.fields
        switch action {
        case .down: submit.field = min(max(0, fields.count - 1), submit.field + 1)
        case .up: submit.field = max(0, submit.field - 1)
        case .edit:
            guard fields.indices.contains(submit.field) else { return [] }
            prompt = Prompt(.field(fields[submit.field].name), text: fields[submit.field].value)
        case .editJSON:
            return [.editTemplate(submit.textToEdit(now: now))]
        case .via:
            let doors = stack.doors
            let current = submit.door(among: doors)
            let next = doors[((doors.firstIndex(of: current) ?? 0) + 1) % doors.count]
            submit.via = next
            say(
                "orders go through \(next.label)"
                    + (next.assignsTheOrderId ? " (the queue's message id becomes the order id)" : ""))
        case .send:
            let door = submit.door(among: stack.doors)
            let order = submit.orderToSend(now: now)
            // Through the queue the message id is the order's id: the form's id is not sent as one.
            let id = door.assignsTheOrderId ? "(id from the queue)" : order["id"]?.stringValue ?? ""
            if let rerun = submit.rerunOf {
                // A re-run is an action on a failed order: said exactly, confirmed first.
                confirmation = Confirmation(
                    question:
                        "Send order \(id) to \(stack.name) — a re-run of \(rerun) with its input, as a new order? y/N",
                    effect: .submit(order, door), declined: "not sent: \(rerun) not re-run")
                return []
            }
            say("sending order \(id) via \(door.label)…")
            return [.submit(order, door)]
        case .watch:
            guard let arn = submit.last?.executionArn else { return [] }
            return openExecution(ExecutionARN(arn))
        case .resend:
            guard let last = submit.last ?? submit.submissions.first else { return [] }
            if last.door.assignsTheOrderId, last.isAccepted {
                // Refused before asking: SQS would make it a second order.
                say(
                    "not re-sent: \(last.orderId) went through the queue and was accepted; again would be a second order",
                    isError: true)
                return []
            }
            // Numbered as the list numbers it: the first re-send is "re-send #1".
            confirmation = Confirmation(
                question:
                    "Re-send submission \(last.id.prefix(8)) to \(stack.name): order \(last.orderId) again, the same id (re-send #\(last.resends + 1))? y/N",
                effect: .resend(last.id), declined: "not re-sent")
            return []
        }
        return []
    }

    /// The template from the operator's editor (or why it did not come back). Text that is not
    /// a JSON object reopens the editor with the operator's text and the error above it, so no
    /// edit is lost; saving an empty file keeps the form as it was.
    public mutating func applyEditedTemplate(_ text: String?, problem: String? = nil) {
        if let problem {
            say(problem, isError: true)
            return
        }
        guard let text else { return }
        let edited = Self.withoutEditorNote(text)
        if edited.allSatisfy(\.isWhitespace) {
            say("template not changed: the editor came back empty")
            return
        }
        if let refusal = submit.replaceTemplate(with: edited) {
            say(refusal, isError: true)
            pendingEffects.append(.editTemplate(Self.editorNote(refusal) + edited))
        } else {
            say("template updated")
        }
    }

    static let editorNotePrefix = "// orderdeck: "

    /// The lines put above the text when the editor reopens (JSON has no comments: they are
    /// taken off again when it comes back).
    static func editorNote(_ refusal: String) -> String {
        "\(editorNotePrefix)\(refusal)\n"
            + "\(editorNotePrefix)fix the JSON and save; save an empty file to keep the form as it was\n"
    }

    static func withoutEditorNote(_ text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        while let first = lines.first, first.hasPrefix(editorNotePrefix) { lines.removeFirst() }
        return lines.joined(separator: "\n")
    }
}
