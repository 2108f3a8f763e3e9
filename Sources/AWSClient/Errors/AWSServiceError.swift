/// An error answer from an AWS service (or the local stack), decoded from the JSON or XML body.
public struct AWSServiceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The short error code, namespace removed: `ThrottlingException`, `ResourceNotFoundException`.
    public var code: String
    public var message: String
    public var statusCode: Int
    public var requestId: String?
    public var service: String
    public var operation: String
    /// The error body as received (bounded), for callers such as an API invoke that show it.
    public var rawBody: String?

    public init(
        code: String, message: String, statusCode: Int, requestId: String?, service: String, operation: String,
        rawBody: String? = nil
    ) {
        self.rawBody = rawBody
        self.code = code
        self.message = message
        self.statusCode = statusCode
        self.requestId = requestId
        self.service = service
        self.operation = operation
    }

    public var description: String {
        var text = "\(service) \(operation): \(code) (HTTP \(statusCode))"
        if !message.isEmpty { text += ": \(message)" }
        if let requestId { text += " [request \(requestId)]" }
        return text
    }

    /// Throttling codes of the AWS SDKs' standard retry mode.
    public static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
        "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown",
        "PriorRequestNotComplete", "EC2ThrottledException",
    ]

    /// Transient codes the standard retry mode retries whatever the status.
    public static let transientCodes: Set<String> = [
        "RequestTimeout", "RequestTimeoutException", "InternalError", "InternalFailure", "ServiceUnavailable",
        "InternalServerError", "ServiceUnavailableException",
    ]

    /// Codes that mean our clock is off.
    public static let clockSkewCodes: Set<String> = [
        "RequestTimeTooSkewed", "RequestExpired", "InvalidSignatureException", "SignatureDoesNotMatch",
        "AuthFailure", "RequestInTheFuture",
    ]

    public var isThrottling: Bool { Self.throttlingCodes.contains(code) || statusCode == 429 }
    public var isTransient: Bool { Self.transientCodes.contains(code) || [500, 502, 503, 504].contains(statusCode) }
}
