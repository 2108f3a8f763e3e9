import AWSClient
import AWSServices
import Foundation

/// A state machine as the core works with it: its type decides how executions are read.
public struct MachineInfo: Sendable, Hashable {
    public var name: String
    public var arn: String
    /// STANDARD or EXPRESS, from DescribeStateMachine — never guessed by trying ListExecutions.
    public var type: MachineType
    public var logGroupName: String?
    public var logLevel: String
    public var includesExecutionData: Bool
    /// The log groups of the Lambda functions its definition invokes (`RelatedLogGroups`).
    public var lambdaLogGroups: [String] = []

    public var isExpress: Bool { type == .express }
    /// What ListStateMachines says of it.
    public var listing: MachineListing { MachineListing(name: name, arn: arn, type: type) }

    public init(
        name: String, arn: String, type: MachineType, logGroupName: String?, logLevel: String,
        includesExecutionData: Bool
    ) {
        self.name = name
        self.arn = arn
        self.type = type
        self.logGroupName = logGroupName
        self.logLevel = logLevel
        self.includesExecutionData = includesExecutionData
    }
}

/// A machine as ListStateMachines gives it: what listing a Standard machine's executions needs.
public struct MachineListing: Sendable, Hashable {
    public var name: String
    public var arn: String
    public var type: MachineType

    public init(name: String, arn: String, type: MachineType) {
        self.name = name
        self.arn = arn
        self.type = type
    }
}

/// A connection to one stack: its config, an AWS client and the resolved state machines.
public actor StackSession {
    public nonisolated let config: StackConfig
    public nonisolated let client: AWSClient
    /// One budget for every CloudWatch Logs call this process makes (the account limit is a few per second).
    public nonisolated let logsBudget: RateBudget
    /// The machines' resolution, under way or done: callers that arrive meanwhile (eight history
    /// fetches at once) wait for it instead of each listing and describing the machines again,
    /// later ones read its value. A failed one is dropped, so the next caller tries again.
    private var describingMachines: Task<[MachineInfo], any Error>?
    /// The same for the listing alone.
    private var listingMachines: Task<[MachineListing], any Error>?

    public init(config: StackConfig, client: AWSClient, logsBudget: RateBudget = RateBudget(ratePerSecond: 5, burst: 5))
    {
        self.config = config
        self.client = client
        self.logsBudget = logsBudget
    }

    public nonisolated var dynamoDB: DynamoDBClient { DynamoDBClient(client: client) }
    public nonisolated var stepFunctions: StepFunctionsClient { StepFunctionsClient(client: client) }
    public nonisolated var cloudWatch: CloudWatchClient { CloudWatchClient(client: client) }
    public nonisolated var logs: CloudWatchLogsClient { CloudWatchLogsClient(client: client) }

    /// The configured machines, by name or ARN, described once.
    public func machines() async throws -> [MachineInfo] {
        let task = describingMachines ?? Task { try await resolveMachines() }
        describingMachines = task
        do {
            return try await task.value
        } catch {
            if describingMachines == task { describingMachines = nil }
            throw error
        }
    }

    /// The configured machines as ListStateMachines names them (name, ARN, type), listed once:
    /// enough to list a Standard machine's executions, so `executions` pays one request, not one
    /// plus a DescribeStateMachine per machine. A machine given by an ARN the listing lacks is
    /// described for its type.
    public func listedMachines() async throws -> [MachineListing] {
        let task = listingMachines ?? Task { try await listMachines() }
        listingMachines = task
        do {
            return try await task.value
        } catch {
            if listingMachines == task { listingMachines = nil }
            throw error
        }
    }

    /// One configured machine's listing, by name or ARN.
    public func listedMachine(named name: String) async throws -> MachineListing {
        try configured(name, among: try await listedMachines()) { ($0.name, $0.arn) }
    }

    private func listMachines() async throws -> [MachineListing] {
        let listed = try await stepFunctions.listStateMachines().collect().flatMap { $0 }
        var listings: [MachineListing] = []
        for reference in config.stateMachines {
            let found = listed.first { $0.name == reference || $0.stateMachineArn == reference }
            if let found, let type = found.type {
                listings.append(
                    MachineListing(name: found.name, arn: found.stateMachineArn, type: MachineType(describedType: type))
                )
            } else if found != nil || reference.hasPrefix("arn:") {
                let described = try await stepFunctions.describeStateMachine(found?.stateMachineArn ?? reference)
                listings.append(
                    MachineListing(
                        name: described.name, arn: described.stateMachineArn,
                        type: MachineType(describedType: described.type)))
            } else {
                throw CoreError.notFound(
                    "state machine '\(reference)' is not in \(client.region) (have: \(listed.map(\.name).sorted().joined(separator: ", ")))"
                )
            }
        }
        return listings
    }

    private func resolveMachines() async throws -> [MachineInfo] {
        // Given only by ARN, the machines need no listing: describing them says everything.
        let arns =
            config.stateMachines.allSatisfy { $0.hasPrefix("arn:") }
            ? config.stateMachines : try await listedMachines().map(\.arn)
        var machines: [MachineInfo] = []
        for arn in arns {
            let described = try await stepFunctions.describeStateMachine(arn)
            let logging = described.loggingConfiguration
            machines.append(
                MachineInfo(
                    name: described.name, arn: described.stateMachineArn,
                    type: MachineType(describedType: described.type),
                    logGroupName: logging?.logGroupNames.first, logLevel: logging?.level ?? "OFF",
                    includesExecutionData: logging?.includeExecutionData ?? false))
            machines[machines.count - 1].lambdaLogGroups = RelatedLogGroups.lambdaGroups(
                definition: described.definition)
        }
        return machines
    }

    public func machine(named name: String) async throws -> MachineInfo {
        try configured(name, among: try await machines()) { ($0.name, $0.arn) }
    }

    /// The configured machine called `name` (or with that ARN), or the error that lists the others.
    private func configured<Machine>(
        _ name: String, among all: [Machine], _ identity: (Machine) -> (name: String, arn: String)
    ) throws -> Machine {
        guard let machine = all.first(where: { identity($0).name == name || identity($0).arn == name }) else {
            throw CoreError.notFound(
                "no state machine '\(name)' in stack \(config.name) (have: \(all.map { identity($0).name }.joined(separator: ", ")))"
            )
        }
        return machine
    }

    /// The machine an execution ARN belongs to.
    public func machine(forExecution arn: String) async throws -> MachineInfo? {
        guard let name = Execution.machineName(fromArn: arn) else { return nil }
        return try await machines().first { $0.name == name }
    }

    /// Log groups to tail: configured ones, else each machine's logging destination, then the
    /// groups around them that exist — the API stage's execution logs and the Lambda functions'
    /// the definitions invoke (one DescribeLogGroups each; a group not there would fail every
    /// round of the tail).
    public func logGroups() async throws -> [String] {
        if !config.logGroups.isEmpty { return config.logGroups }
        let all = try await machines()
        var groups = all.compactMap(\.logGroupName)
        var related = all.flatMap(\.lambdaLogGroups)
        if let url = config.api?.url, let group = RelatedLogGroups.apiExecutionGroup(url: url) { related.append(group) }
        for group in related where !groups.contains(group) {
            let found = try await logs.describeLogGroups(prefix: group).first { page in
                page.contains { $0.logGroupName == group }
            }
            if found != nil { groups.append(group) }
        }
        return groups
    }
}

/// Domain-level failures with a message for the operator.
public enum CoreError: Error, Sendable, Equatable, CustomStringConvertible {
    case notFound(String)
    case invalidInput(String)
    case readOnly(String)
    /// A file OrderDeck keeps (the journal) exists but cannot be read: the reason, never "empty".
    case unreadable(String)

    public var description: String {
        switch self {
        case .notFound(let message), .invalidInput(let message), .unreadable(let message): return message
        case .readOnly(let action): return "\(action) is disabled: this stack is read-only"
        }
    }
}
