import AWSClient
import AWSServices
import Foundation
import Logging

/// The companion that gives moto what it lacks: vended logs. It follows executions through the
/// public API (ListExecutions + GetExecutionHistory) and writes one log event per history event,
/// honouring each machine's loggingConfiguration — and publishes the `AWS/States` execution
/// metrics Step Functions would (ExecutionsStarted, ExecutionsSucceeded/Failed/TimedOut/Aborted,
/// ExecutionTime; dimension StateMachineArn), so the Overview's charts have data locally.
///
/// Exactly once, restarts included: on start it reads back what the log groups already hold and
/// continues after each execution's highest delivered event id.
public actor VendedLogDelivery {
    public struct Statistics: Sendable, Equatable {
        public var polls = 0
        public var eventsWritten = 0
        public var executionsFinished = 0
    }

    let states: StepFunctionsClient
    let logs: CloudWatchLogsClient
    let metrics: CloudWatchClient
    let machines: [ProvisionedStack.Machine]
    let logger: Logger
    private var logging: [String: StepFunctions.LoggingConfiguration] = [:]
    /// Public execution ARN → highest history event id handled.
    private var delivered: [String: Int] = [:]
    private var finished: Set<String> = []
    private var knownStreams: Set<String> = []
    private var recovered = false
    public private(set) var statistics = Statistics()

    public init(
        client: AWSClient, machines: [ProvisionedStack.Machine], logger: Logger = Logger(label: "orderdeck.logdelivery")
    ) {
        self.states = StepFunctionsClient(client: client)
        self.logs = CloudWatchLogsClient(client: client)
        self.metrics = CloudWatchClient(client: client)
        self.machines = machines
        self.logger = logger
    }

    /// Polls until cancelled; errors are logged and retried after a pause.
    public func run(interval: Duration = .milliseconds(250)) async {
        while !Task.isCancelled {
            do {
                _ = try await pollOnce()
                try await Task.sleep(for: interval)
            } catch is CancellationError {
                return
            } catch {
                logger.warning("log delivery: \(error)")
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }

    /// One round: every machine, every execution that is not fully delivered. Returns events written.
    @discardableResult
    public func pollOnce() async throws -> Int {
        if !recovered {
            try await recover()
            recovered = true
        }
        statistics.polls += 1
        var written = 0
        for machine in machines {
            let configuration = try await loggingConfiguration(for: machine)
            let level = configuration?.level ?? "OFF"
            guard level != "OFF", let group = configuration?.logGroupNames.first ?? Optional(machine.logGroupName)
            else { continue }
            let includeData = configuration?.includeExecutionData ?? false
            for try await page in states.listExecutions(stateMachineArn: machine.arn, pageSize: 100) {
                var sawUnfinished = false
                for execution in page {
                    let publicArn = Self.publicArn(execution.executionArn, machine: machine)
                    if finished.contains(publicArn) { continue }
                    sawUnfinished = true
                    written += try await deliver(
                        execution: execution, publicArn: publicArn, machine: machine, group: group, level: level,
                        includeData: includeData)
                }
                // Newest first: once a whole page is delivered, older pages are too.
                if !sawUnfinished { break }
            }
        }
        statistics.eventsWritten += written
        return written
    }

    private func deliver(
        execution: StepFunctions.ExecutionListItem, publicArn: String, machine: ProvisionedStack.Machine, group: String,
        level: String,
        includeData: Bool
    ) async throws -> Int {
        let history = try await states.fullHistory(executionArn: execution.executionArn)
        let after = delivered[publicArn] ?? 0
        let fresh = history.filter { $0.id > after }
        guard let last = history.last else { return 0 }
        let records = fresh.filter { VendedLogRecord.isLogged(type: $0.type, level: level) }
            .map { event in
                CloudWatchLogs.InputLogEvent(
                    timestamp: Int64((event.timestamp.timeIntervalSince1970 * 1000).rounded()),
                    message: VendedLogRecord.make(
                        event: event, executionArn: publicArn, includeExecutionData: includeData
                    ).description)
            }
        if !records.isEmpty {
            let stream = VendedLogRecord.streamName(machine: machine.name, executionStart: execution.startDate)
            try await ensureStream(group: group, stream: stream)
            // Chronological within a batch, as PutLogEvents requires; ties keep history order.
            let ordered = records.enumerated().sorted {
                ($0.element.timestamp, $0.offset) < ($1.element.timestamp, $1.offset)
            }.map(\.element)
            for batch in Self.batches(ordered) {
                _ = try await logs.putLogEvents(group: group, stream: stream, events: batch)
            }
        }
        let data = Self.metricData(fresh: fresh, history: history, machine: machine)
        if !data.isEmpty { try await metrics.putMetricData(namespace: "AWS/States", data) }
        delivered[publicArn] = max(after, last.id)
        if history.contains(where: { VendedLogRecord.isTerminal($0.type) }) {
            finished.insert(publicArn)
            statistics.executionsFinished += 1
        }
        return records.count
    }

    /// The metrics of the events delivered now: a start, an end (by outcome) and its duration.
    static func metricData(
        fresh: [StepFunctions.HistoryEvent], history: [StepFunctions.HistoryEvent], machine: ProvisionedStack.Machine
    ) -> [CloudWatchClient.Datum] {
        let dimensions = [("StateMachineArn", machine.arn)]
        var data: [CloudWatchClient.Datum] = []
        for event in fresh {
            let name: String
            switch event.type {
            case "ExecutionStarted": name = "ExecutionsStarted"
            case "ExecutionSucceeded": name = "ExecutionsSucceeded"
            case "ExecutionFailed": name = "ExecutionsFailed"
            case "ExecutionTimedOut": name = "ExecutionsTimedOut"
            case "ExecutionAborted": name = "ExecutionsAborted"
            default: continue
            }
            data.append(.init(name: name, dimensions: dimensions, value: 1, unit: "Count", timestamp: event.timestamp))
            if name != "ExecutionsStarted", let start = history.first(where: { $0.type == "ExecutionStarted" }) {
                let milliseconds = (event.timestamp.timeIntervalSince(start.timestamp) * 1000).rounded()
                data.append(
                    .init(
                        name: "ExecutionTime", dimensions: dimensions, value: milliseconds, unit: "Milliseconds",
                        timestamp: event.timestamp))
            }
        }
        return data
    }

    /// Reads what the log groups already hold: the high-water mark per execution.
    func recover() async throws {
        for machine in machines {
            let group = try await loggingConfiguration(for: machine)?.logGroupNames.first ?? machine.logGroupName
            do {
                for try await events in logs.filterLogEventPages(.init(logGroupName: group)) {
                    for event in events {
                        guard let message = event.message, let record = try? JSONValue.parse(message),
                            let arn = record["execution_arn"]?.stringValue,
                            let id = record["id"]?.stringValue.flatMap(Int.init)
                        else { continue }
                        delivered[arn] = max(delivered[arn] ?? 0, id)
                        if let type = record["type"]?.stringValue, VendedLogRecord.isTerminal(type) {
                            finished.insert(arn)
                        }
                        if let stream = event.logStreamName { knownStreams.insert(group + "|" + stream) }
                    }
                }
            } catch let error as AWSServiceError where error.code == "ResourceNotFoundException" {
                try await logs.createLogGroup(group)
            }
        }
        if !delivered.isEmpty {
            logger.info("log delivery resumed after \(delivered.count) executions already in the logs")
        }
    }

    private func loggingConfiguration(for machine: ProvisionedStack.Machine) async throws -> StepFunctions
        .LoggingConfiguration?
    {
        // Re-read every 40 polls (~10 s) so an UpdateStateMachine of the logging settings is honoured.
        if let cached = logging[machine.arn], statistics.polls % 40 != 0 { return cached }
        let configuration = try await states.describeStateMachine(machine.arn).loggingConfiguration
        logging[machine.arn] = configuration
        return configuration
    }

    private func ensureStream(group: String, stream: String) async throws {
        let key = group + "|" + stream
        guard !knownStreams.contains(key) else { return }
        do {
            try await logs.createLogStream(group: group, stream: stream)
        } catch let error as AWSServiceError where error.isAlreadyExists {}
        knownStreams.insert(key)
    }

    /// At most 1,000 events and ~900 KB per PutLogEvents call (limits: 10,000 and 1 MB).
    static func batches(_ events: [CloudWatchLogs.InputLogEvent]) -> [[CloudWatchLogs.InputLogEvent]] {
        var result: [[CloudWatchLogs.InputLogEvent]] = []
        var current: [CloudWatchLogs.InputLogEvent] = []
        var bytes = 0
        for event in events {
            let size = event.message.utf8.count + 26
            if !current.isEmpty && (current.count >= 1000 || bytes + size > 900 * 1024) {
                result.append(current)
                current = []
                bytes = 0
            }
            current.append(event)
            bytes += size
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    /// Express executions have `:express:` ARNs in AWS; moto gives `:execution:` for both types.
    static func publicArn(_ arn: String, machine: ProvisionedStack.Machine) -> String {
        machine.isExpress ? arn.replacingOccurrences(of: ":execution:", with: ":express:") : arn
    }
}
