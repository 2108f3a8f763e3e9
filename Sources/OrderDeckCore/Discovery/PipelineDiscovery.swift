import AWSClient
import AWSServices
import Foundation

/// Finds the order pipeline in an account and region from what is deployed, so an operator with
/// a profile and no OrderDeck configuration gets a working stack: the DynamoDB table keyed
/// `user_id` + `id` (ORDER first), the state machines whose definition uses it or that an API
/// starts, their log groups (`loggingConfiguration`), the REST API whose integration calls
/// `states:StartExecution` on them, and the SQS queue whose consumer starts one (the function
/// whose environment names the machine, through its event source mapping). Machines whose Lambda
/// tasks are given the table in their environment count as using it.
public struct PipelineDiscovery: Sendable {
    public struct Found: Sendable, Equatable {
        public var table: String
        public var otherTables: [String]
        public var machines: [(name: String, arn: String, type: MachineType, logGroup: String?)]
        public var apiURL: String?
        /// The queue front door: the SQS queue mapped to the function that starts a machine.
        public var queueURL: String?
        public var notes: [String]

        public static func == (lhs: Found, rhs: Found) -> Bool {
            lhs.table == rhs.table && lhs.otherTables == rhs.otherTables && lhs.apiURL == rhs.apiURL
                && lhs.queueURL == rhs.queueURL
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
        let api = try await startingAPI(machines: described.map(\.stateMachineArn), notes: &notes)
        let (apiURL, started) = (api?.url, api?.started ?? [])
        let functions = await readableFunctions(notes: &notes)
        let (queueURL, queued) = try await startingQueue(
            machines: described.map(\.stateMachineArn), functions: functions, notes: &notes)
        if api != nil, apiURL == nil {
            // Said once both doors are known: with the queue, orders have a way in after all.
            notes.append(
                "no REST API starts these machines: "
                    + (queueURL == nil
                        ? "'submit' needs [stacks.NAME.api] url" : "'submit' sends through the order queue"))
        }
        // A function given the table in its environment, used as a task: the machine uses the table.
        let tableFunctions = functions.filter { $0.environment.values.contains(table) }
        let machines = described.filter { machine in
            started.contains(machine.stateMachineArn) || queued.contains(machine.stateMachineArn)
                || machine.definition.contains("\"\(table)\"")
                || tableFunctions.contains { machine.definition.contains($0.arn) }
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
            table: table, otherTables: Array(tables.dropFirst()), machines: machines, apiURL: apiURL,
            queueURL: queueURL, notes: notes)
    }

    /// Every Lambda function and its environment; none (and a note) when Lambda cannot be read.
    func readableFunctions(notes: inout [String]) async -> [LambdaClient.Function] {
        do {
            return try await LambdaClient(client: client).functions()
        } catch {
            notes.append("Lambda not readable (\(LoadFailure(error).message)): no queue front door found")
            return []
        }
    }

    /// The SQS queue feeding a function whose environment names one of `machines` (as the seeds'
    /// `post_order` has STATE_MACHINE_ARN), as its URL, and the machines such functions start.
    func startingQueue(machines: [String], functions: [LambdaClient.Function], notes: inout [String]) async throws
        -> (String?, Set<String>)
    {
        let lambda = LambdaClient(client: client)
        var started: Set<String> = []
        var queue: String?
        for function in functions {
            let starts = Set(machines.filter { function.environment.values.contains($0) })
            guard !starts.isEmpty else { continue }
            started.formUnion(starts)
            guard queue == nil else { continue }
            let mappings = try await lambda.eventSourceMappings(function: function.name)
            if let source = mappings.first(where: { $0.eventSourceArn.hasPrefix("arn:aws:sqs:") }) {
                queue = try await SQSClient(client: client).queueURL(arn: source.eventSourceArn)
            }
        }
        if !started.isEmpty, queue == nil {
            notes.append("a function starts these machines, but no SQS queue feeds it: no queue front door")
        }
        return (queue, started)
    }

    /// The REST API method whose integration starts one of `machines`, as its invoke URL (nil
    /// when none does), and the machines it starts; nil (and a note) when API Gateway cannot be read.
    func startingAPI(machines: [String], notes: inout [String]) async throws -> (url: String?, started: Set<String>)? {
        let gateway = APIGatewayClient(client: client)
        let apis: [APIGatewayClient.RestAPI]
        do {
            apis = try await gateway.restAPIs()
        } catch {
            notes.append("API Gateway not readable (\(LoadFailure(error).message)): no submit URL found")
            return nil
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
        return (nil, [])
    }

    /// The pipeline as a stack configuration.
    public static func stackConfig(_ found: Found, name: String, profile: String?, region: String, endpointURL: String?)
        -> StackConfig
    {
        StackConfig(
            name: name, profile: profile, region: region, endpointURL: endpointURL, tableName: found.table,
            stateMachines: found.machines.map(\.arn), logGroups: found.machines.compactMap(\.logGroup),
            api: found.apiURL.map { StackConfig.API(url: $0) }, queueURL: found.queueURL)
    }
}
