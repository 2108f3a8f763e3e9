import Foundation
import OrderDeckCore
import TerminalUI

/// A foldable JSON document on screen: an order's whole item, a state's input or output, a log
/// record. Objects and arrays fold and unfold (Enter/space, ←/→, z/Z for all), so a 10,000-attribute
/// item or a deep payload is read a level at a time instead of scrolled through.
public struct JSONInspector: Sendable {
    /// One visible row: an opening (or folded) container, a scalar member, or a closing bracket.
    public struct Line: Sendable, Equatable {
        public var depth: Int
        public var key: String?
        public var text: String
        public var path: String
        public var isContainer: Bool
        public var isFolded: Bool
        public var kind: Kind

        public enum Kind: Sendable, Equatable { case string, number, literal, open, close }
    }

    public var title: String
    public let value: JSONValue
    public private(set) var folded: Set<String>
    public private(set) var lines: [Line] = []
    public var table = TableView(columns: [TableView.Column("JSON")])

    public init(title: String, value: JSONValue, foldBelowDepth: Int? = nil) {
        self.title = title
        self.value = value
        // Big documents open with their members folded, so the first screen is an outline.
        let depth = foldBelowDepth ?? (Self.count(value) > 400 ? 1 : Int.max)
        var folded = Set<String>()
        Self.containers(value, path: "$", depth: 0) { path, level in if level >= depth { folded.insert(path) } }
        self.folded = folded
        rebuild()
    }

    /// The selected row's container path (or its own path), for folding.
    var selectedLine: Line? { lines.indices.contains(table.selected) ? lines[table.selected] : nil }

    /// Handles a key; false when it is not the inspector's (the caller closes on Esc/q).
    public mutating func handle(_ key: Key, rows: Int) -> Bool {
        if table.handleMovement(key, visibleRows: rows) { return true }
        switch key {
        case .enter, .character(" "):
            guard let line = selectedLine else { return true }
            toggle(line.path, rows: rows)
        case .right, .character("l"):
            if let line = selectedLine, line.isFolded { toggle(line.path, rows: rows) }
        case .left, .character("h"):
            guard let line = selectedLine else { return true }
            if line.isContainer, !line.isFolded, line.kind == .open {
                toggle(line.path, rows: rows)
            } else if let parent = Self.parent(of: line.path),
                let index = lines.firstIndex(where: { $0.path == parent && $0.kind == .open })
            {
                table.moveTo(index, visibleRows: rows)  // ← on a member goes to its container, as in a tree view
            }
        case .character("z"):
            var all = Set<String>()
            Self.containers(value, path: "$", depth: 0) { path, level in if level >= 1 { all.insert(path) } }
            folded = all
            rebuild(keeping: selectedLine?.path, rows: rows)
        case .character("Z"):
            folded = []
            rebuild(keeping: selectedLine?.path, rows: rows)
        default:
            return false
        }
        return true
    }

    /// The selected member as JSON text (what `y` copies).
    public var selectedText: String? {
        guard let line = selectedLine else { return nil }
        return Self.value(at: line.path, in: value).map { $0.description }
    }

    mutating func toggle(_ path: String, rows: Int) {
        guard Self.value(at: path, in: value).map(Self.isContainer) == true else { return }
        if folded.contains(path) { folded.remove(path) } else { folded.insert(path) }
        rebuild(keeping: path, rows: rows)
    }

    mutating func rebuild(keeping path: String? = nil, rows: Int = 20) {
        var lines: [Line] = []
        Self.flatten(value, key: nil, path: "$", depth: 0, folded: folded, last: true, into: &lines)
        self.lines = lines
        table.setRowCount(lines.count)
        if let path, let index = lines.firstIndex(where: { $0.path == path }) {
            table.moveTo(index, visibleRows: rows)
        } else {
            table.moveTo(min(table.selected, max(0, lines.count - 1)), visibleRows: rows)
        }
    }

    static func isContainer(_ value: JSONValue) -> Bool {
        switch value {
        case .object, .array: return true
        default: return false
        }
    }

    static func flatten(
        _ value: JSONValue, key: String?, path: String, depth: Int, folded: Set<String>, last: Bool,
        into lines: inout [Line]
    ) {
        let comma = last ? "" : ","
        switch value {
        case .object(let members):
            container(
                members.map { (key: Optional($0.0), value: $0.1, path: path + "." + escape($0.0)) },
                brackets: ("{", "}"),
                noun: ("key", "keys"), key: key, path: path, depth: depth, folded: folded, comma: comma, into: &lines)
        case .array(let elements):
            container(
                elements.enumerated().map { (key: nil, value: $0.element, path: path + "[\($0.offset)]") },
                brackets: ("[", "]"),
                noun: ("item", "items"), key: key, path: path, depth: depth, folded: folded, comma: comma, into: &lines)
        case .string:
            lines.append(
                Line(
                    depth: depth, key: key, text: value.description + comma, path: path, isContainer: false,
                    isFolded: false, kind: .string))
        case .number:
            lines.append(
                Line(
                    depth: depth, key: key, text: value.description + comma, path: path, isContainer: false,
                    isFolded: false, kind: .number))
        case .bool, .null:
            lines.append(
                Line(
                    depth: depth, key: key, text: value.description + comma, path: path, isContainer: false,
                    isFolded: false, kind: .literal))
        }
    }

    /// An object or array: one summary row when folded (or empty), else its opening row, its
    /// children and its closing row.
    static func container(
        _ children: [(key: String?, value: JSONValue, path: String)], brackets: (String, String),
        noun: (String, String), key: String?,
        path: String, depth: Int, folded: Set<String>, comma: String, into lines: inout [Line]
    ) {
        if children.isEmpty || folded.contains(path) {
            let summary =
                children.isEmpty
                ? brackets.0 + brackets.1
                : "\(brackets.0)…\(brackets.1) \(children.count) \(children.count == 1 ? noun.0 : noun.1)"
            lines.append(
                Line(
                    depth: depth, key: key, text: summary + comma, path: path, isContainer: !children.isEmpty,
                    isFolded: !children.isEmpty, kind: .open))
            return
        }
        lines.append(
            Line(depth: depth, key: key, text: brackets.0, path: path, isContainer: true, isFolded: false, kind: .open))
        for (index, child) in children.enumerated() {
            flatten(
                child.value, key: child.key, path: child.path, depth: depth + 1, folded: folded,
                last: index == children.count - 1, into: &lines)
        }
        lines.append(
            Line(
                depth: depth, key: nil, text: brackets.1 + comma, path: path, isContainer: true, isFolded: false,
                kind: .close))
    }

    /// Member names in paths are escaped so a key containing '.', '[' or '\' cannot be confused with structure.
    static func escape(_ name: String) -> String {
        var out = ""
        for character in name {
            if character == "." || character == "[" || character == "\\" { out.append("\\") }
            out.append(character)
        }
        return out
    }

    static func containers(_ value: JSONValue, path: String, depth: Int, visit: (String, Int) -> Void) {
        switch value {
        case .object(let members):
            if !members.isEmpty { visit(path, depth) }
            for (name, member) in members {
                containers(member, path: path + "." + escape(name), depth: depth + 1, visit: visit)
            }
        case .array(let elements):
            if !elements.isEmpty { visit(path, depth) }
            for (index, element) in elements.enumerated() {
                containers(element, path: path + "[\(index)]", depth: depth + 1, visit: visit)
            }
        default: break
        }
    }

    static func count(_ value: JSONValue) -> Int {
        switch value {
        case .object(let members): return 1 + members.reduce(0) { $0 + count($1.1) }
        case .array(let elements): return 1 + elements.reduce(0) { $0 + count($1) }
        default: return 1
        }
    }

}
