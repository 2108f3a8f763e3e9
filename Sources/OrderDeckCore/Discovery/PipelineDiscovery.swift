import AWSClient
import AWSServices
import Foundation

/// Finds the order pipeline in an account and region from what is deployed, so an operator with
/// a profile and no OrderDeck configuration gets a working stack: the DynamoDB table keyed
/// `user_id` + `id` (ORDER first), the state machines whose definition uses it or that an API
/// starts, their log groups (`loggingConfiguration`), and the REST API whose integration calls
/// `states:StartExecution` on them.
public struct PipelineDiscovery: Sendable {
    public struct Found: Sendable, Equatable {
        public var table: String
        public var otherTables: [String]
        public var machines: [(name: String, arn: String, type: MachineType, logGroup: String?)]
        public var apiURL: String?
        public var notes: [String]

        public static func == (lhs: Found, rhs: Found) -> Bool {
            lhs.table == rhs.table && lhs.otherTables == rhs.otherTables && lhs.apiURL == rhs.apiURL
                && lhs.machines.map(\.arn) == rhs.machines.map(\.arn) && lhs.notes == rhs.notes
        }
    }

    public let client: AWSClient

    public init(client: AWSClient) { self.client = client }

    public func discover() async throws -> Found {
        let dynamo = DynamoDBClient(client: client)
        var tables: [String] = []
        for try await page in dynamo.listTables() {
            for name in page {
                let keys = try await dynamo.describeTable(name).KeySchema ?? []
                let hash = keys.first { $0.KeyType == "HASH" }?.AttributeName
                let range = keys.first { $0.KeyType == "RANGE" }?.AttributeName
                if hash == OrderTableSchema.partitionKey, range == OrderTableSchema.sortKey { tables.append(name) }
            }
        }
        tables.sort { ($0 == "ORDER" ? 0 : 1, $0) < ($1 == "ORDER" ? 0 : 1, $1) }
        guard let table = tables.first else {
            throw CoreError.notFound(
                "no DynamoDB table keyed user_id + id in \(client.region): is the order system deployed here?")
        }
        let states = StepFunctionsClient(client: client)
        var described: [StepFunctions.DescribeStateMachineOutput] = []
        for try await page in states.listStateMachines() {
            for item in page { described.append(try await states.describeStateMachine(item.stateMachineArn)) }
        }
        var notes: [String] = []
        let (apiURL, started) = try await startingAPI(machines: described.map(\.stateMachineArn), notes: &notes)
        let machines = described.filter { machine in
            started.contains(machine.stateMachineArn) || machine.definition.contains("\"\(table)\"")
        }.map { machine in
            (
                name: machine.name, arn: machine.stateMachineArn, type: MachineType(describedType: machine.type),
                logGroup: machine.loggingConfiguration?.logGroupNames.first
            )
        }
        if machines.isEmpty { notes.append("no state machine uses table \(table) or is started by an API") }
        for machine in machines where machine.logGroup == nil {
            notes.append("\(machine.name) logs nowhere: its executions' log lines cannot be shown")
        }
        return Found(
            table: table, otherTables: Array(tables.dropFirst()), machines: machines, apiURL: apiURL, notes: notes)
    }

    /// The REST API method whose integration starts one of `machines`, as its invoke URL.
    func startingAPI(machines: [String], notes: inout [String]) async throws -> (String?, Set<String>) {
        let gateway = APIGatewayClient(client: client)
        let apis: [APIGatewayClient.RestAPI]
        do {
            apis = try await gateway.restAPIs()
        } catch {
            notes.append("API Gateway not readable (\(LoadFailure(error).message)): no submit URL found")
            return (nil, [])
        }
        for api in apis {
            for method in try await gateway.methods(of: api.id)
            where method.httpMethod == "POST" && method.integrationURI?.contains("states:action/StartExecution") == true
            {
                let started = Set(machines.filter { arn in method.requestTemplates.contains { $0.contains(arn) } })
                guard !started.isEmpty else { continue }
                let stage = try await gateway.stages(of: api.id).first ?? "main"
                let url = "https://\(api.id).execute-api.\(client.region).amazonaws.com/\(stage)\(method.path)"
                return (url, started)
            }
        }
        notes.append("no REST API starts these machines: 'submit' needs [stacks.NAME.api] url")
        return (nil, [])
    }

    /// The pipeline as a stack configuration.
    public static func stackConfig(_ found: Found, name: String, profile: String?, region: String, endpointURL: String?)
        -> StackConfig
    {
        StackConfig(
            name: name, profile: profile, region: region, endpointURL: endpointURL, tableName: found.table,
            stateMachines: found.machines.map(\.arn), logGroups: found.machines.compactMap(\.logGroup),
            api: found.apiURL.map { StackConfig.API(url: $0) })
    }
}
