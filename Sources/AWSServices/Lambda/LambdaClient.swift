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

    /// Every item of a paged REST listing (`Marker` in, `NextMarker` out), 50 to a page.
    func allItems(_ path: String, _ operation: String, _ key: String, query: [SigningRequest.QueryItem] = [])
        async throws -> [JSONValue]
    {
        var items: [JSONValue] = []
        var marker: String?
        repeat {
            var pageQuery = query + [.init("MaxItems", "50")]
            if let marker { pageQuery.append(.init("Marker", marker)) }
            let response = try await client.send(
                AWSRequest(method: "GET", path: path, query: pageQuery), service: .lambda, operation: operation)
            let page = try JSONValue.parse(response.body)
            if case .array(let found)? = page[key] { items += found }
            marker = page["NextMarker"]?.stringValue
        } while marker != nil
        return items
    }

    /// ListFunctions, every page.
    public func functions() async throws -> [Function] {
        try await allItems("/2015-03-31/functions", "ListFunctions", "Functions").compactMap { item in
            guard let name = item["FunctionName"]?.stringValue, let arn = item["FunctionArn"]?.stringValue else {
                return nil
            }
            var environment: [String: String] = [:]
            for (key, value) in item["Environment"]?["Variables"]?.objectMembers ?? [] {
                if let text = value.stringValue { environment[key] = text }
            }
            return Function(name: name, arn: arn, environment: environment)
        }
    }

    /// ListEventSourceMappings of one function, every page.
    public func eventSourceMappings(function: String) async throws -> [EventSourceMapping] {
        try await allItems(
            "/2015-03-31/event-source-mappings", "ListEventSourceMappings", "EventSourceMappings",
            query: [.init("FunctionName", function)]
        ).compactMap { item in
            guard let source = item["EventSourceArn"]?.stringValue else { return nil }
            return EventSourceMapping(
                eventSourceArn: source, functionArn: item["FunctionArn"]?.stringValue ?? "",
                state: item["State"]?.stringValue)
        }
    }
}
