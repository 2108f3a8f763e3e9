import AWSClient
import Foundation

/// What happened on the way to an answer, as the refresher needs it: not a message to parse.
public enum SourceEvent: Sendable, Equatable {
    /// A call failed and is tried again after `delay`; `throttled` when the service said so.
    case retrying(operation: String, attempt: Int, delay: Duration, throttled: Bool)
    case clockSkewCorrected(seconds: TimeInterval)

    init(_ event: ClientEvent) {
        switch event {
        case .retrying(let service, let operation, let attempt, let delay, let reason):
            self = .retrying(
                operation: "\(service) \(operation)", attempt: attempt, delay: delay,
                throttled: AWSServiceError.throttlingCodes.contains(reason))
        case .clockSkewCorrected(let seconds):
            self = .clockSkewCorrected(seconds: seconds)
        }
    }
}
