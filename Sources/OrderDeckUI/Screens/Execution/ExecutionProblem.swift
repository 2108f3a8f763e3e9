import OrderDeckCore
import TerminalUI

/// What went wrong with the execution, in full: the failing state's path, its error and the whole
/// cause, wrapped over as many rows as it takes — or, for an ABORTED execution, the error and
/// cause it was stopped with. Missing parts are left out, never shown as an empty `:  —`.
enum ExecutionProblem {
    /// The text, unwrapped (nil: nothing went wrong).
    static func text(_ screen: ExecutionScreen) -> String? {
        if let failure = screen.timeline.failure {
            let place = failure.path.isEmpty ? "execution" : failure.pathText
            // A failed JSONata or variable evaluation says in which field of the state.
            let error = failure.error.map { error in failure.location.map { "\(error) at \($0)" } ?? error }
            return "✗ " + joined(place, error, failure.cause)
        }
        guard let execution = screen.execution, execution.status == .aborted else { return nil }
        let aborted = screen.events.last { $0.type == "ExecutionAborted" }
        let error = execution.error ?? aborted?.error
        let cause = execution.cause ?? aborted?.cause
        return "■ " + joined("aborted", error, cause, none: "stopped, no error or cause given")
    }

    static func joined(_ place: String, _ error: String?, _ cause: String?, none: String = "no error or cause given")
        -> String
    {
        let error = error.flatMap { $0.isEmpty ? nil : $0 }
        let cause = cause.flatMap { $0.isEmpty ? nil : $0 }
        switch (error, cause) {
        case (let error?, let cause?): return "\(place): \(error) — \(cause)"
        case (let error?, nil): return "\(place): \(error)"
        case (nil, let cause?): return "\(place): \(cause)"
        case (nil, nil): return "\(place): \(none)"
        }
    }

    /// The text wrapped at `width`, at most `limit` rows (the last one then says how much is left).
    static func lines(_ screen: ExecutionScreen, width: Int, limit: Int) -> [String] {
        guard let text = self.text(screen), width > 0, limit > 0 else { return [] }
        let all = wrap(TerminalSafe.escape(text), width: width)
        guard all.count > limit else { return all }
        let hidden = all.count - limit + 1
        return Array(all.prefix(limit - 1)) + [
            "… \(hidden) more line\(hidden == 1 ? "" : "s"): i shows the whole cause"
        ]
    }

    /// Display-width wrapping, at spaces where it can.
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            var used = 0
            var end = rest.startIndex
            var lastSpace: String.Index?
            while end < rest.endIndex {
                let w = DisplayWidth.of(rest[end])
                if used + w > width { break }
                if rest[end] == " " { lastSpace = end }
                used += w
                end = rest.index(after: end)
            }
            if end < rest.endIndex, let space = lastSpace, rest.distance(from: rest.startIndex, to: space) > width / 2 {
                end = space
            }
            if end == rest.startIndex { end = rest.index(after: end) }
            lines.append(String(rest[..<end]))
            rest = rest[end...].drop { $0 == " " }
        }
        return lines
    }
}
