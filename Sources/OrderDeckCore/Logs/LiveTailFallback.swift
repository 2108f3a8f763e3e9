import AWSClient
import Foundation

/// Why a Live Tail session could not be had, in the operator's words, and when to try again
/// (nil: not for this tail — the answer will not change by asking again).
struct LiveTailFallback: Sendable, Equatable {
    var reason: String
    var retryAfter: TimeInterval?

    init(reason: String, retryAfter: TimeInterval?) {
        self.reason = reason
        self.retryAfter = retryAfter
    }

    init(_ error: any Error) {
        switch error {
        case let service as AWSServiceError:
            self = Self.service(service)
        case let unavailable as LiveTailUnavailable:
            switch unavailable {
            case .tooManyGroups: self.init(reason: unavailable.description, retryAfter: nil)
            case .groupNotFound: self.init(reason: unavailable.description, retryAfter: 300)
            }
        case let stream as EventStreamError:
            self.init(reason: "Live Tail \(stream.description)", retryAfter: 60)
        case let client as AWSClientError:
            self.init(reason: "Live Tail failed: \(client)", retryAfter: 60)
        default:
            self.init(reason: "Live Tail failed: \(error)", retryAfter: 60)
        }
    }

    private static func service(_ error: AWSServiceError) -> LiveTailFallback {
        let code = error.code
        switch code {
        case "AccessDeniedException", "AccessDenied", "UnauthorizedOperation", "UnrecognizedClientException":
            return .init(reason: "no permission for logs:StartLiveTail (\(code))", retryAfter: nil)
        case "LimitExceededException":
            return .init(
                reason: "Live Tail session limit reached (LimitExceededException); retrying in 5 min", retryAfter: 300)
        case "UnknownOperationException", "InvalidAction", "NotImplemented", "UnsupportedOperation":
            return .init(reason: "this endpoint does not offer Live Tail (\(code))", retryAfter: nil)
        case "SessionStreamingException":
            return .init(
                reason: "the Live Tail session failed (SessionStreamingException); retrying in 1 min", retryAfter: 60)
        default:
            if [404, 405, 501].contains(error.statusCode) {
                return .init(
                    reason: "this endpoint does not offer Live Tail (HTTP \(error.statusCode))", retryAfter: nil)
            }
            return .init(reason: "Live Tail failed (\(code)); retrying in 1 min", retryAfter: 60)
        }
    }
}
