import Foundation

/// Turns an error answer into an `AWSServiceError`, whatever its shape: JSON `__type`/`code` with or
/// without a namespace, `x-amzn-ErrorType`, `message`/`Message`, or an XML `<Error>` body (moto
/// answers XML even for JSON services when a signature check fails).
enum ErrorDecoder {
    static func decode(_ response: HTTPResponse, service: String, operation: String) -> AWSServiceError {
        var code: String?
        var message: String?
        var requestId =
            response.header("x-amzn-RequestId") ?? response.header("x-amz-request-id")
            ?? response.header("x-amzn-requestid")

        if let headerType = response.header("x-amzn-ErrorType") {
            code = shortCode(headerType)
        }
        let trimmed = response.body.drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        if trimmed.first == UInt8(ascii: "{"),
            let object = try? JSONSerialization.jsonObject(with: Data(trimmed)) as? [String: Any]
        {
            if let type = (object["__type"] as? String) ?? (object["code"] as? String) ?? (object["Code"] as? String) {
                code = code ?? shortCode(type)
            }
            message =
                (object["message"] as? String) ?? (object["Message"] as? String) ?? (object["errorMessage"] as? String)
        } else if trimmed.first == UInt8(ascii: "<"), let root = try? XMLNode.parse(Array(trimmed)) {
            let error = root.name == "Error" ? root : root.first("Error")
            code = code ?? error?.string("Code")
            message = error?.string("Message")
            requestId =
                requestId ?? root.string("RequestId") ?? root.first("RequestId")?.text ?? root.first("RequestID")?.text
        }
        let fallback: String
        switch response.status {
        case 400: fallback = "BadRequest"
        case 403: fallback = "AccessDenied"
        case 404: fallback = "NotFound"
        case 429: fallback = "TooManyRequestsException"
        case 500: fallback = "InternalFailure"
        case 502: fallback = "BadGateway"
        case 503: fallback = "ServiceUnavailable"
        case 504: fallback = "GatewayTimeout"
        default: fallback = "HTTP\(response.status)"
        }
        if message == nil, code == nil, !response.body.isEmpty {
            message = notAnAWSError(response)
        }
        return AWSServiceError(
            code: code ?? fallback, message: message ?? "", statusCode: response.status, requestId: requestId,
            service: service, operation: operation,
            rawBody: String(decoding: response.body.prefix(64 * 1024), as: UTF8.self))
    }

    /// A body that is not an AWS error (a proxy's or a load balancer's HTML page, plain text) as one
    /// short line: an HTML page's title, else its first words; never the page itself.
    static func notAnAWSError(_ response: HTTPResponse) -> String {
        let text = String(decoding: response.body.prefix(8 * 1024), as: UTF8.self)
        let type = response.header("Content-Type").map { " (\($0.split(separator: ";").first ?? ""))" } ?? ""
        var reason = text
        if let open = text.range(of: "<title>", options: .caseInsensitive),
            let close = text.range(of: "</title>", options: .caseInsensitive, range: open.upperBound..<text.endIndex)
        {
            reason = String(text[open.upperBound..<close.lowerBound])
        } else if text.contains("<") {
            reason = text.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
        }
        let words = reason.split(whereSeparator: { $0.isWhitespace || $0.isNewline }).joined(separator: " ")
        let short = words.count > 100 ? String(words.prefix(99)) + "…" : words
        return "not an AWS answer\(type): \(short.isEmpty ? "\(response.body.count) bytes" : short)"
    }

    /// `com.amazonaws.dynamodb.v20120810#ResourceNotFoundException:http://…` → `ResourceNotFoundException`.
    static func shortCode(_ raw: String) -> String {
        var code = Substring(raw)
        if let hash = code.lastIndex(of: "#") { code = code[code.index(after: hash)...] }
        if let colon = code.firstIndex(of: ":") { code = code[..<colon] }
        return String(code).trimmingCharacters(in: .whitespaces)
    }
}
