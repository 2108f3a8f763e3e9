import AWSClient
import Foundation
import SigV4

/// The API Gateway management calls discovery needs (REST protocol: GET with paths, JSON answers).
public struct APIGatewayClient: Sendable {
    public let client: AWSClient
    public init(client: AWSClient) { self.client = client }

    /// A REST API: its id and name.
    public struct RestAPI: Sendable, Equatable {
        public var id: String
        public var name: String
    }

    /// One method of one resource and its integration (when it has one).
    public struct Method: Sendable, Equatable {
        public var path: String
        public var httpMethod: String
        public var integrationURI: String?
        /// The request templates' text (where a StartExecution integration names its machine).
        public var requestTemplates: [String]
    }

    func get(_ path: String, _ operation: String, query: [SigningRequest.QueryItem] = []) async throws -> JSONValue {
        let response = try await client.send(
            AWSRequest(method: "GET", path: path, query: query), service: .apiGateway, operation: operation)
        return try JSONValue.parse(response.body)
    }

    static func items(_ page: JSONValue) -> [JSONValue] {
        if case .array(let items)? = page["item"] { return items }
        return []
    }

    /// GetRestApis, every page.
    public func restAPIs() async throws -> [RestAPI] {
        var apis: [RestAPI] = []
        var position: String?
        repeat {
            let page = try await get(
                "/restapis", "GetRestApis",
                query: [.init("limit", "500")] + (position.map { [.init("position", $0)] } ?? []))
            for item in Self.items(page) {
                if let id = item["id"]?.stringValue {
                    apis.append(RestAPI(id: id, name: item["name"]?.stringValue ?? id))
                }
            }
            position = page["position"]?.stringValue
        } while position != nil
        return apis
    }

    /// GetResources and, per method, GetIntegration.
    public func methods(of api: String) async throws -> [Method] {
        var methods: [Method] = []
        let resources = try await get(
            "/restapis/\(api)/resources", "GetResources", query: [.init("embed", "methods"), .init("limit", "500")])
        for resource in Self.items(resources) {
            guard let id = resource["id"]?.stringValue, let path = resource["path"]?.stringValue else { continue }
            for (httpMethod, _) in resource["resourceMethods"]?.objectMembers ?? [] {
                let integration = try? await get(
                    "/restapis/\(api)/resources/\(id)/methods/\(httpMethod)/integration", "GetIntegration")
                let templates = integration?["requestTemplates"]?.objectMembers?.compactMap { $0.1.stringValue } ?? []
                methods.append(
                    Method(
                        path: path, httpMethod: httpMethod, integrationURI: integration?["uri"]?.stringValue,
                        requestTemplates: templates))
            }
        }
        return methods
    }

    /// GetStages: the stage names of an API.
    public func stages(of api: String) async throws -> [String] {
        let stages = try await get("/restapis/\(api)/stages", "GetStages")
        return Self.items(stages).compactMap { $0["stageName"]?.stringValue }
    }
}
