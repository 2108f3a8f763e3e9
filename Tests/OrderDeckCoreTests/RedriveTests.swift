import AWSClient
import AWSServices
import Foundation
import OrderDeckCore
import Synchronization
import TestSupport
import Testing

/// Redrive (issue 27). No engine here implements RedriveExecution (moto 5.2.5 answers a 500,
/// LocalStack and MiniStack "unknown action"), so these run through the transport seam: a scripted
/// Step Functions whose answers are written from botocore's model of the operations (checked
/// against it in the first test), never the network.
@Suite struct RedriveTests {
    static let machine = "arn:aws:states:us-east-1:123456789012:stateMachine:OrderWorkflow"
    static let arn = ExecutionARN("arn:aws:states:us-east-1:123456789012:execution:OrderWorkflow:order-7")

    /// A scripted Step Functions: DescribeExecution answers `described`, RedriveExecution answers
    /// `redrive` in turn (a status and body per attempt).
    final class ScriptedStates: Sendable {
        let described: [String: JSONValue]
        let redrive: [(Int, String)]
        let redriveCalls = Mutex(0)

        init(described: [String: JSONValue], redrive: [(Int, String)] = [(200, #"{"redriveDate":1790000000.5}"#)]) {
            self.described = described
            self.redrive = redrive
        }

        func answer(_ request: HTTPRequest) -> HTTPResponse {
            let json = [("Content-Type", "application/x-amz-json-1.0")]
            switch RedriveTests.target(request) {
            case "AWSStepFunctions.DescribeExecution":
                let members = described.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
                return HTTPResponse(status: 200, headers: json, body: Array(JSONValue.object(members).description.utf8))
            case "AWSStepFunctions.RedriveExecution":
                let attempt = redriveCalls.withLock { calls in
                    defer { calls += 1 }
                    return calls
                }
                let (status, body) = redrive[min(attempt, redrive.count - 1)]
                return HTTPResponse(status: status, headers: json, body: Array(body.utf8))
            default:
                return HTTPResponse(status: 400, headers: json, body: Array(#"{"__type":"UnknownOperation"}"#.utf8))
            }
        }
    }

    static func described(
        status: String, redriveStatus: String? = "REDRIVABLE", reason: String? = nil, count: Int = 0
    ) -> [String: JSONValue] {
        var members: [String: JSONValue] = [
            "executionArn": .string(arn.rawValue), "stateMachineArn": .string(machine), "name": .string("order-7"),
            "status": .string(status), "startDate": .number("1789999000.25"), "redriveCount": .number("\(count)"),
        ]
        if status != "RUNNING" { members["stopDate"] = .number("1789999100.5") }
        if let redriveStatus { members["redriveStatus"] = .string(redriveStatus) }
        if let reason { members["redriveStatusReason"] = .string(reason) }
        return members
    }

    func session(_ states: ScriptedStates, readOnly: Bool = false, isLocal: Bool = false) -> (
        StackSession, ScriptedTransport
    ) {
        let transport = ScriptedTransport { request, _ in states.answer(request) }
        let client = TestAWS.client(endpoint: "http://127.0.0.1:9", transport: transport)
        let config = StackConfig(
            name: "prod", region: "us-east-1", endpointURL: "http://127.0.0.1:9", stateMachines: [Self.machine],
            readOnly: readOnly, isLocal: isLocal, staticCredentials: MotoFixture.testCredentials)
        return (StackSession(config: config, client: client), transport)
    }

    func body(_ request: HTTPRequest) throws -> [String: JSONValue] {
        try #require(try JSONValue.parse(request.body).objectMembers).reduce(into: [:]) { $0[$1.0] = $1.1 }
    }

    static func target(_ request: HTTPRequest) -> String? {
        request.headers.first { $0.0.lowercased() == "x-amz-target" }?.1
    }

    func targets(_ transport: ScriptedTransport) -> [String] { transport.requests.compactMap(Self.target) }

    @Test func theScriptedExchangesAreTheServiceModels() async throws {
        let redrive = try await SharedFixtures.operationShape("stepfunctions", "RedriveExecution")
        #expect(redrive.required == ["executionArn"])
        #expect(Set(["executionArn", "clientToken"]).isSubset(of: redrive.input))
        #expect(redrive.output == ["redriveDate"])
        #expect(redrive.errors.contains("ExecutionNotRedrivable"))
        let describe = try await SharedFixtures.operationShape("stepfunctions", "DescribeExecution")
        let scripted = Self.described(status: "FAILED", reason: "x")
        #expect(Set(scripted.keys).isSubset(of: describe.output), "\(Set(scripted.keys).subtracting(describe.output))")
        for member in ["redriveCount", "redriveDate", "redriveStatus", "redriveStatusReason"] {
            #expect(describe.output.contains(member))
        }
    }

    @Test func aFailedExecutionIsRedrivenWithOneTokenAcrossRetries() async throws {
        let states = ScriptedStates(
            described: Self.described(status: "FAILED", count: 1),
            redrive: [(500, #"{"__type":"InternalFailure"}"#), (200, #"{"redriveDate":1790000000.5}"#)])
        let (session, transport) = session(states)
        let redriven = try await ExecutionRedriver(session: session, makeToken: { "token-1" }).redrive(Self.arn)
        #expect(redriven.redriveDate == Date(timeIntervalSince1970: 1_790_000_000.5))
        #expect(redriven.before.redrive.count == 1 && redriven.before.status == .failed)
        #expect(
            targets(transport) == [
                "AWSStepFunctions.DescribeExecution", "AWSStepFunctions.RedriveExecution",
                "AWSStepFunctions.RedriveExecution",
            ])
        let sent = try transport.requests.filter { Self.target($0) == "AWSStepFunctions.RedriveExecution" }
            .map(body)
        let redriveModel = try await SharedFixtures.operationShape("stepfunctions", "RedriveExecution")
        for members in sent {
            #expect(Set(members.keys).isSubset(of: redriveModel.input))
            #expect(members["executionArn"] == .string(Self.arn.rawValue))
            // The retry is the same request: the same token, so the service runs it once.
            #expect(members["clientToken"] == .string("token-1"))
        }
    }

    @Test func everyRefusalSaysWhyAndSendsNoRedrive() async throws {
        let cases: [(described: [String: JSONValue], says: String)] = [
            (
                Self.described(
                    status: "FAILED", redriveStatus: "NOT_REDRIVABLE",
                    reason: "Execution is SUCCEEDED or redrive window of 14 days has passed"),
                "cannot be redriven: Execution is SUCCEEDED or redrive window of 14 days has passed"
            ),
            (
                Self.described(status: "SUCCEEDED", redriveStatus: "NOT_REDRIVABLE"),
                "only a FAILED, TIMED_OUT or ABORTED"
            ),
            (Self.described(status: "RUNNING", redriveStatus: nil), "it has not ended"),
            (Self.described(status: "FAILED", redriveStatus: "REDRIVABLE_BY_MAP_RUN"), "through its Map Run"),
        ]
        for (described, says) in cases {
            let states = ScriptedStates(described: described)
            let (session, transport) = session(states)
            let redriver = ExecutionRedriver(session: session)
            let checked = try await redriver.check(Self.arn)
            #expect(checked.refusal?.contains(says) == true, "\(String(describing: checked.refusal))")
            await #expect(throws: CoreError.self) { try await redriver.redrive(Self.arn) }
            #expect(!targets(transport).contains("AWSStepFunctions.RedriveExecution"))
        }
    }

    @Test func expressTheLocalStackAndReadOnlyAreRefusedBeforeARedrive() async throws {
        let express = ExecutionARN("arn:aws:states:us-east-1:123456789012:express:sample:run-1:abc")
        let states = ScriptedStates(described: Self.described(status: "FAILED"))
        let (plain, plainTransport) = session(states)
        let expressCheck = try await ExecutionRedriver(session: plain).check(express)
        #expect(expressCheck.refusal?.contains("Express") == true)
        #expect(expressCheck.refusal?.contains("re-run the order as a new one") == true)

        let (local, localTransport) = session(states, isLocal: true)
        let localCheck = try await ExecutionRedriver(session: local).check(Self.arn)
        #expect(localCheck.refusal?.contains("do not implement RedriveExecution") == true)
        // On the local stack an execution that succeeded says so first (found by a new operator:
        // the engine's refusal hid it).
        let succeeded = ScriptedStates(described: Self.described(status: "SUCCEEDED", redriveStatus: nil))
        let (localSucceeded, _) = session(succeeded, isLocal: true)
        let succeededCheck = try await ExecutionRedriver(session: localSucceeded).check(Self.arn)
        #expect(succeededCheck.refusal?.contains("SUCCEEDED: only a FAILED") == true)

        let (readOnly, readOnlyTransport) = session(states, readOnly: true)
        await #expect(throws: CoreError.self) { try await ExecutionRedriver(session: readOnly).redrive(Self.arn) }
        #expect(plainTransport.requests.isEmpty && readOnlyTransport.requests.isEmpty)
        #expect(targets(localTransport) == ["AWSStepFunctions.DescribeExecution"])
    }

    @Test func theServicesOwnRefusalIsSaid() async throws {
        let states = ScriptedStates(
            described: Self.described(status: "ABORTED"),
            redrive: [(400, #"{"__type":"ExecutionNotRedrivable","message":"The execution is not redrivable."}"#)])
        let (session, _) = session(states)
        do {
            _ = try await ExecutionRedriver(session: session).redrive(Self.arn)
            Issue.record("redrive did not fail")
        } catch let error as AWSServiceError {
            #expect(error.code == "ExecutionNotRedrivable")
            #expect("\(error)".contains("The execution is not redrivable."))
        }
    }
}
