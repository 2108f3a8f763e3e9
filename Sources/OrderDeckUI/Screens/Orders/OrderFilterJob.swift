import Foundation
import OrderDeckCore
import TerminalUI

/// A regular-expression filter over the orders, worked out off the terminal thread: an
/// expression of a hundred alternatives over thousands of rows takes longer than a frame, and the
/// keys must keep answering meanwhile. The next keystroke cancels it (the dashboard keeps one job
/// at a time); a result for a filter that is no longer typed is dropped (`generation`).
public struct OrderFilterJob: Sendable, Equatable {
    public let generation: Int
    public let filter: String
    let index: OrderIndex
    let source: [Int32]

    /// The rows whose fields match, in `source` order; nil when cancelled part-way.
    public func run() -> [Int32]? {
        guard let matcher = TextMatcher(filter) else { return source }
        var found: [Int32] = []
        for (position, row) in source.enumerated() {
            if position % 256 == 0, Task.isCancelled { return nil }
            let key = index.searchKeys[Int(row)]
            // Plain texts (pasted ids joined by "|") cannot span the field separator: one pass
            // over the key. A real expression tests each field, so ^bob$ means what it says.
            let hit =
                matcher.isPlainText
                ? matcher.matches(lowercased: key)
                : key.split(separator: "\u{1}").contains(where: { matcher.matches(String($0)) })
            if hit { found.append(row) }
        }
        return found
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.generation == rhs.generation && lhs.filter == rhs.filter
    }
}
