import Foundation
import SigV4

/// The AWS query protocol (STS, SNS, IAM, CloudFormation): form-encoded POST, XML answers.
extension AWSClient {
    /// Calls `action` and returns the `<ActionResult>` element (or the root when there is none).
    public func query(
        _ service: ServiceDescriptor, _ action: String, _ parameters: [(String, String)] = [], signed: Bool = true
    ) async throws -> XMLNode {
        guard case .query(let apiVersion) = service.wireProtocol else {
            preconditionFailure("\(service.displayName) does not speak the query protocol")
        }
        let form = ([("Action", action), ("Version", apiVersion)] + parameters)
            .map { QueryParameters.formEncode($0.0) + "=" + QueryParameters.formEncode($0.1) }.joined(separator: "&")
        let request = AWSRequest(
            method: "POST", path: "/", headers: [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")],
            body: Array(form.utf8))
        let response = try await send(request, service: service, operation: action, signed: signed)
        do {
            let root = try XMLNode.parse(response.body)
            return root.child("\(action)Result") ?? root
        } catch {
            throw AWSClientError.invalidResponse(
                service: service.displayName, operation: action, reason: String(describing: error))
        }
    }
}

/// Flattens lists and maps the way the query protocol wants them (`Tags.member.1.Key=…`).
public enum QueryParameters {
    /// `application/x-www-form-urlencoded` as the SDKs write it: RFC 3986 escapes, space as `+`.
    /// (Byte-for-byte what botocore sends, so servers that re-encode the form to check the
    /// signature arrive at the same bytes.)
    public static func formEncode(_ text: String) -> String {
        URIEncoding.encode(text).replacingOccurrences(of: "%20", with: "+")
    }

    public static func list(_ name: String, _ values: [String], member: String = "member") -> [(String, String)] {
        values.enumerated().map { ("\(name).\(member).\($0.offset + 1)", $0.element) }
    }
}
