/// Why an event-stream body could not be read: the frame is refused, never skipped, since a
/// message lost silently would be a gap in what the operator sees.
public struct EventStreamError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case preludeChecksum(expected: UInt32, actual: UInt32)
        case messageChecksum(expected: UInt32, actual: UInt32)
        case invalidLengths
        case oversized
        case malformedHeaders
        case unknownHeaderType(UInt8)
        case truncated
    }

    public var kind: Kind
    /// One line for the operator, saying which frame and what is wrong with it.
    public var reason: String

    public init(_ kind: Kind, _ reason: String) {
        self.kind = kind
        self.reason = reason
    }

    public var description: String { "event stream unreadable: \(reason)" }
}
