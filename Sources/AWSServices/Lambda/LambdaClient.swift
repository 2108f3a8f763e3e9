import AWSClient
import Foundation
import SigV4

extension ServiceDescriptor {
    /// Lambda's control plane (REST-JSON: GET with paths and query strings, JSON answers).
    public static let lambda = ServiceDescriptor(
        displayName: "Lambda", signingName: "lambda", endpointPrefix: "lambda", serviceId: "Lambda",
        wireProtocol: .rest)
}

/// The Lambda calls discovery needs to find the seeds' queue front door: the function whose
/// environment names a state machine, and the event source mapping that feeds it.
public struct LambdaClient: Sendable {
    public let client: AWSClient
    public init(client: AWSClient) { self.client = client }

    /// A function as ListFunctions describes it: its name, ARN and environment variables.
    public struct Function: Sendable, Equatable {
        public var name: String
        public var arn: String
        public var environment: [String: String]
    }

    /// An event source mapping: what feeds a function (an SQS queue's ARN, a stream's).
    public struct EventSourceMapping: Sendable, Equatable {
        public var eventSourceArn: String
        public var functionArn: String
        public var state: String?
    }

    func get(_ path: String, _ operation: String, query: [SigningRequest.QueryItem]) async throws -> JSONValue {
        let response = try await client.send(
            AWSRequest(method: "GET", path: path, query: query), service: .lambda, operation: operation)
        return try JSONValue.parse(response.body)
    }

    static func items(_ value: JSONValue?) -> [JSONValue] {
        if case .array(let items)? = value { return items }
        return []
    }

    /// ListFunctions, every page.
    public func functions() async throws -> [Function] {
        var result: [Function] = []
        var marker: String?
        repeat {
            var query: [SigningRequest.QueryItem] = [.init("MaxItems", "50")]
            if let marker { query.append(.init("Marker", marker)) }
            let page = try await get("/2015-03-31/functions", "ListFunctions", query: query)
            for item in Self.items(page["Functions"]) {
                guard let name = item["FunctionName"]?.stringValue, let arn = item["FunctionArn"]?.stringValue else {
                    continue
                }
                var environment: [String: String] = [:]
                for (key, value) in item["Environment"]?["Variables"]?.objectMembers ?? [] {
                    if let text = value.stringValue { environment[key] = text }
                }
                result.append(Function(name: name, arn: arn, environment: environment))
            }
            marker = page["NextMarker"]?.stringValue
        } while marker != nil
        return result
    }

    /// ListEventSourceMappings of one function, every page.
    public func eventSourceMappings(function: String) async throws -> [EventSourceMapping] {
        var result: [EventSourceMapping] = []
        var marker: String?
        repeat {
            var query: [SigningRequest.QueryItem] = [.init("FunctionName", function), .init("MaxItems", "50")]
            if let marker { query.append(.init("Marker", marker)) }
            let page = try await get("/2015-03-31/event-source-mappings", "ListEventSourceMappings", query: query)
            for item in Self.items(page["EventSourceMappings"]) {
                guard let source = item["EventSourceArn"]?.stringValue else { continue }
                result.append(
                    EventSourceMapping(
                        eventSourceArn: source, functionArn: item["FunctionArn"]?.stringValue ?? "",
                        state: item["State"]?.stringValue))
            }
            marker = page["NextMarker"]?.stringValue
        } while marker != nil
        return result
    }
}
