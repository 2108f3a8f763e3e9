import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A small XML tree for the query-protocol services (STS, SNS, IAM, CloudFormation) and for XML
/// error bodies, built with Foundation's `XMLParser`.
public struct XMLNode: Sendable, Equatable {
    public var name: String
    public var text: String
    public var children: [XMLNode]

    public init(name: String, text: String = "", children: [XMLNode] = []) {
        self.name = name
        self.text = text
        self.children = children
    }

    /// The first child with that element name.
    public func child(_ name: String) -> XMLNode? { children.first { $0.name == name } }

    /// All children with that element name.
    public func children(_ name: String) -> [XMLNode] { children.filter { $0.name == name } }

    /// Follows a path of element names from here.
    public func path(_ names: String...) -> XMLNode? {
        var node: XMLNode? = self
        for name in names { node = node?.child(name) }
        return node
    }

    /// The first element with that name anywhere below (depth first).
    public func first(_ name: String) -> XMLNode? {
        for child in children {
            if child.name == name { return child }
            if let found = child.first(name) { return found }
        }
        return nil
    }

    /// The text of a direct child, nil when absent.
    public func string(_ name: String) -> String? { child(name)?.text }

    public static func parse(_ bytes: [UInt8]) throws -> XMLNode {
        // Foundation's XMLParser traps on malformed UTF-8 (found by fuzzing): refuse it first.
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw XMLParseError(reason: "not UTF-8")
        }
        let delegate = TreeBuilder()
        let parser = XMLParser(data: Data(bytes))
        parser.delegate = delegate
        guard parser.parse(), let root = delegate.root else {
            throw XMLParseError(reason: parser.parserError.map { String(describing: $0) } ?? "not XML")
        }
        return root
    }

    public struct XMLParseError: Error, Sendable, CustomStringConvertible {
        public var reason: String
        public var description: String { "invalid XML: \(reason)" }
    }
}

private final class TreeBuilder: NSObject, XMLParserDelegate {
    var stack: [XMLNode] = []
    var root: XMLNode?

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
        attributes attributeDict: [String: String] = [:]
    ) {
        stack.append(XMLNode(name: elementName))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += string
    }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?
    ) {
        guard var node = stack.popLast() else { return }
        if !node.children.isEmpty { node.text = node.text.trimmingCharacters(in: .whitespacesAndNewlines) }
        if stack.isEmpty {
            root = node
        } else {
            stack[stack.count - 1].children.append(node)
        }
    }
}
