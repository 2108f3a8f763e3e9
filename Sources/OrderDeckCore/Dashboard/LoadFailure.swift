import AWSClient
import Foundation

/// A failed load as the dashboard needs to know it: throttled (back off longer, not an error) or
/// failed (shown until it works again), with one line for the operator.
public struct LoadFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case throttled
        case failed
    }

    public var kind: Kind
    public var message: String

    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    /// Classifies any error a source throws (an AWS error knows whether it is throttling).
    public init(_ error: any Error) {
        if let failure = error as? LoadFailure {
            self = failure
            return
        }
        let throttled = (error as? AWSServiceError)?.isThrottling == true
        let line = String(describing: error).split(separator: "\n").first.map(String.init) ?? "error"
        self.init(kind: throttled ? .throttled : .failed, message: line)
    }

    public var description: String { message }
}
