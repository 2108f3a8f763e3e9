import AWSClient
import AWSServices
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A local Step Functions engine that reads a mock configuration (LocalStack with
/// `SFN_MOCK_CONFIG`): runs a rewritten definition with every Task answered from `ReplayAnswers`,
/// so Choice, Map, Parallel, Retry, Catch and the data processing run for real and nothing is
/// written anywhere — the engine's own services are never called.
public struct ReplayEngine: Sendable {
    /// A client for the engine (loopback).
    public var client: AWSClient
    /// The engine's mock configuration file (the path it was started with).
    public var mockConfigPath: String
    public var endpoint: String

    public init(client: AWSClient, mockConfigPath: String, endpoint: String) {
        self.client = client
        self.mockConfigPath = mockConfigPath
        self.endpoint = endpoint
    }

    static let testCase = "replay"
    static let roleArn = "arn:aws:iam::000000000000:role/orderdeck-replay"

    /// The replayed execution: its ARN on the engine, its events and timeline.
    public struct Run: Sendable {
        public var executionArn: String
        public var events: [ExecutionEvent]
        public var timeline: Timeline
        public var status: ExecutionStatus
        public var output: String?

        public init(executionArn: String, events: [ExecutionEvent], status: ExecutionStatus, output: String? = nil) {
            self.executionArn = executionArn
            self.events = events
            self.timeline = Timeline(events: events)
            self.status = status
            self.output = output
        }
    }

    /// Creates a machine for this replay, writes its answers, starts it under the original's
    /// execution name (outputs that carry the name then match) and waits for its end.
    public func run(
        definition: ReplayDefinition, answers: ReplayAnswers, input: String, executionName: String,
        timeout: Duration = .seconds(120), clock: any AppClock = SystemClock()
    ) async throws -> Run {
        let stepFunctions = StepFunctionsClient(client: client)
        let machine = "orderdeck-replay-\(UUID().uuidString.prefix(8).lowercased())"
        let created: StepFunctions.CreateStateMachineOutput
        do {
            created = try await stepFunctions.createStateMachine(
                .init(name: machine, definition: definition.text, roleArn: Self.roleArn, type: "STANDARD"))
        } catch let error as AWSServiceError where error.code.contains("InvalidDefinition") {
            // The engine quotes the whole definition back: the reason is what the operator needs.
            let reason = error.message.components(separatedBy: " in definition '").first ?? error.message
            throw CoreError.invalidInput("the engine refused the definition: \(reason.prefix(300))")
        }
        let mock = answers.mockConfiguration(machine: machine, testCase: Self.testCase, definition: definition)
        try writeMockConfiguration(machine: machine, testCase: mock.testCase, responses: mock.responses)
        let started = try await stepFunctions.startExecution(
            .init(stateMachineArn: created.stateMachineArn + "#" + Self.testCase, name: executionName, input: input))
        let deadline = clock.now().addingTimeInterval(Double(timeout.components.seconds))
        var described = try await stepFunctions.describeExecution(started.executionArn)
        while ExecutionStatus(rawValue: described.status) == .running {
            guard clock.now() < deadline else {
                throw CoreError.invalidInput("the replay did not end within \(timeout) on \(endpoint)")
            }
            try await clock.sleep(for: .milliseconds(50))
            described = try await stepFunctions.describeExecution(started.executionArn)
        }
        let events = try await stepFunctions.fullHistory(executionArn: started.executionArn).map(ExecutionEvent.init)
        return Run(
            executionArn: started.executionArn, events: events, status: ExecutionStatus(rawValue: described.status),
            output: described.output)
    }

    /// Adds this replay's test case and responses to the engine's mock file (other replays' stay:
    /// a dashboard and a CLI may replay at once), under a lock, and moves the file's time on by
    /// at least a second — LocalStack re-reads it only when its whole-second mtime changes.
    func writeMockConfiguration(machine: String, testCase: JSONValue, responses: [(String, JSONValue)]) throws {
        let fd = open(mockConfigPath + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw CoreError.invalidInput("cannot open \(mockConfigPath).lock: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        _ = flock(fd, LOCK_EX)
        defer { _ = flock(fd, LOCK_UN) }
        let manager = FileManager.default
        let existing = manager.contents(atPath: mockConfigPath).flatMap { try? JSONValue.parse([UInt8]($0)) }
        var machines = existing?["StateMachines"]?.objectMembers ?? []
        var mocked = existing?["MockedResponses"]?.objectMembers ?? []
        machines.append((machine, .object([("TestCases", testCase)])))
        mocked.append(contentsOf: responses)
        let document = JSONValue.object([("StateMachines", .object(machines)), ("MockedResponses", .object(mocked))])
        let previous = (try? manager.attributesOfItem(atPath: mockConfigPath)[.modificationDate] as? Date) ?? nil
        let temporary = mockConfigPath + ".tmp"
        try Data(document.description.utf8).write(to: URL(fileURLWithPath: temporary))
        _ = rename(temporary, mockConfigPath)
        let now = Date()
        let stamp = previous.map { max(now, $0.addingTimeInterval(1)) } ?? now
        try manager.setAttributes([.modificationDate: stamp], ofItemAtPath: mockConfigPath)
    }
}
