import Foundation

/// A diff as text, the same in `orderdeck diff`, the replay's result and the dashboard's Diff
/// screen: the summary line first, then the two executions side by side — state, A's outcome and
/// duration, B's — with `»` at the decisive place where the paths part (the one the summary
/// leads with) and `≠` on a state that differs, and under
/// each such state what differs (`~ payment.status: "DECLINED" → "APPROVED"`).
public enum ExecutionDiffText {
    /// Change lines shown under one state before "… n more".
    static let changesShown = 8

    public static func lines(_ diff: ExecutionDiff, labels: (String, String), width: Int) -> [String] {
        let width = max(40, width)
        let deepest = ExecutionDiff.walk(diff.rows).map { safe($0.name).count }.max() ?? 5
        let nameWidth = min(max(16, deepest + 4), width / 2)
        let sideWidth = max(8, (width - 2 - nameWidth - 2) / 2)
        var writer = Writer(nameWidth: nameWidth, sideWidth: sideWidth, width: width, decisive: diff.divergence)
        writer.out.append(clip(safe(diff.summary), width))
        writer.line(" ", "STATE", "A: " + safe(labels.0), "B: " + safe(labels.1))
        writer.rows(diff.rows, depth: 0, path: [])
        if diff.a.status != diff.b.status || diff.a.status != nil {
            writer.line(" ", "(execution)", diff.a.status?.rawValue ?? "-", diff.b.status?.rawValue ?? "-")
        }
        return writer.out
    }

    struct Writer {
        var nameWidth: Int
        var sideWidth: Int
        var width: Int
        /// Where the paths part decisively: marked `»`; other places they part `≠`.
        var decisive: ExecutionDiff.Divergence?
        var out: [String] = []

        mutating func line(_ marker: String, _ name: String, _ a: String, _ b: String) {
            let text =
                marker + " " + pad(clip(name, nameWidth), nameWidth) + "  " + pad(clip(a, sideWidth), sideWidth)
                + " " + clip(b, sideWidth)
            out.append(String(text.reversed().drop { $0 == " " }.reversed()))
        }

        mutating func detail(_ text: String, depth: Int) {
            out.append(clip(String(repeating: " ", count: 4 + depth * 2) + text, width))
        }

        /// `»` on the decisive place (the first row of its run), once.
        mutating func marker(decisive here: Bool, differs: Bool) -> String {
            if here, decisive != nil {
                decisive = nil
                return "»"
            }
            return differs ? "≠" : " "
        }

        mutating func rows(_ rows: [ExecutionDiff.Row], depth: Int, path: [String]) {
            let indent = String(repeating: " ", count: depth * 2)
            var previousParted = true
            var after: String?
            for row in rows {
                let differs = ExecutionDiff.walk([row]).contains { $0.differsHere }
                let here =
                    row.parts && decisive.map { !$0.isGroup && $0.path == path && $0.after == after } == true
                line(marker(decisive: here, differs: differs), indent + safe(row.name), side(row.a), side(row.b))
                if !row.parts {
                    details(row, showInput: previousParted, depth: depth)
                    after = row.name
                }
                previousParted = row.parts
                groups(row, depth: depth + 1, path: path + [row.name])
            }
        }

        /// The iterations or branches that differ, each with its states; the rest counted.
        mutating func groups(_ row: ExecutionDiff.Row, depth: Int, path: [String]) {
            guard !row.groups.isEmpty else { return }
            let indent = String(repeating: " ", count: depth * 2)
            var same = 0
            for group in row.groups {
                let oneSided = group.a == nil || group.b == nil
                let given = group.rows.first?.inputChanges.contains { !$0.volatile } ?? false
                guard oneSided || given || ExecutionDiff.walk(group.rows).contains(where: \.differsHere) else {
                    same += 1
                    continue
                }
                let here =
                    oneSided && decisive.map { $0.isGroup && $0.path == path && ($0.a ?? $0.b) == group.label } == true
                line(
                    marker(decisive: here, differs: true), indent + safe(group.label),
                    group.a.map { $0.outcome.text(error: nil) + " " + Format.duration($0.duration) } ?? "—",
                    group.b.map { $0.outcome.text(error: nil) + " " + Format.duration($0.duration) } ?? "—")
                if !oneSided { rows(group.rows, depth: depth + 1, path: path + [group.label]) }
            }
            if same > 0 {
                let noun = row.groups[0].kind == .iteration ? "iteration" : "branch"
                let plural = same == 1 ? "" : (noun == "branch" ? "es" : "s")
                out.append(clip("  " + indent + "\(same) \(noun)\(plural) the same", width))
            }
        }

        mutating func details(_ row: ExecutionDiff.Row, showInput: Bool, depth: Int) {
            guard let a = row.a, let b = row.b else { return }
            if row.outcomeDiffers {
                if a.error != b.error {
                    detail("error: A \(safe(a.error ?? "—")) · B \(safe(b.error ?? "—"))", depth: depth)
                }
                if a.cause != b.cause {
                    detail("cause A: \(safe(a.cause ?? "—"))", depth: depth)
                    detail("cause B: \(safe(b.cause ?? "—"))", depth: depth)
                }
            }
            if row.retriesDiffer { detail("retries: A \(a.retries) · B \(b.retries)", depth: depth) }
            var changes: [(String, ExecutionDiff.FieldChange)] = []
            if showInput { changes += row.inputChanges.filter { !$0.volatile }.map { ("input ", $0) } }
            changes += row.introducedChanges.map { ("", $0) }
            for (prefix, change) in changes.prefix(changesShown) { detail(prefix + safe(change.line), depth: depth) }
            if changes.count > changesShown { detail("… \(changes.count - changesShown) more", depth: depth) }
        }

        func side(_ step: Timeline.Step?) -> String {
            guard let step else { return "—" }
            var text = safe(step.outcome.text(error: step.error)) + " " + Format.duration(step.duration)
            if step.retries > 0 { text += " (\(step.retries) retr\(step.retries == 1 ? "y" : "ies"))" }
            return text
        }
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    static func clip(_ text: String, _ width: Int) -> String {
        text.count <= width ? text : String(text.prefix(max(0, width - 1))) + "…"
    }

    /// Control characters (ESC above all) from a history shown as escapes, never sent to a terminal.
    static func safe(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                out += "\\n"
            } else if needsEscape(scalar) {
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return value < 0x20 || value == 0x7F || (0x80..<0xA0).contains(value) || value == 0x2028 || value == 0x2029
    }
}
