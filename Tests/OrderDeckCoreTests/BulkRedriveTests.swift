import AWSClient
import AWSServices
import Foundation
import OrderDeckCore
import Synchronization
import TestSupport
import Testing

/// Bulk redrive (issue 27): the plan is worked out before anything is sent — listed by status and
/// time, each described and checked as a single redrive is. Through the transport seam with
/// answers written from botocore's model (no engine here implements RedriveExecution).
@Suite struct BulkRedriveTests {
    static let machine = "arn:aws:states:us-east-1:123456789012:stateMachine:OrderWorkflow"
    static let now = Date(timeIntervalSince1970: 1_790_000_000)

    static func arn(_ name: String) -> String {
        "arn:aws:states:us-east-1:123456789012:execution:OrderWorkflow:\(name)"
    }

    /// name, status, minutes ago, redriveStatus (DescribeExecution), reason.
    static let executions: [(String, String, Double, String, String?)] = [
        ("o-1", "FAILED", 10, "REDRIVABLE", nil),
        ("o-2", "FAILED", 30, "NOT_REDRIVABLE", "Execution has been redriven the maximum number of times"),
        ("o-3", "FAILED", 180, "REDRIVABLE", nil),
        ("o-4", "TIMED_OUT", 5, "REDRIVABLE", nil),
    ]

    /// A scripted Step Functions: ListExecutions by status filter (newest first, one item a page so
    /// paging stops are seen), DescribeExecution per ARN, RedriveExecution answered for all.
    final class ScriptedStates: Sendable {
        let listed = Mutex<[[String: JSONValue]]>([])

        func answer(_ request: HTTPRequest) throws -> HTTPResponse {
            let json = [("Content-Type", "application/x-amz-json-1.0")]
            let body =
                try JSONValue.parse(request.body).objectMembers.map { Dictionary($0, uniquingKeysWith: { $1 }) } ?? [:]
            func reply(_ members: [(String, JSONValue)]) -> HTTPResponse {
                HTTPResponse(status: 200, headers: json, body: Array(JSONValue.object(members).description.utf8))
            }
            switch request.headers.first(where: { $0.0.lowercased() == "x-amz-target" })?.1 {
            case "AWSStepFunctions.ListExecutions":
                listed.withLock { $0.append(body) }
                let status = body["statusFilter"]?.stringValue
                let matching = BulkRedriveTests.executions.filter { $0.1 == status }.sorted { $0.2 < $1.2 }
                let page = Int(body["nextToken"]?.stringValue ?? "0") ?? 0
                guard matching.indices.contains(page) else { return reply([("executions", .array([]))]) }
                let (name, state, ago, _, _) = matching[page]
                let start = BulkRedriveTests.now.addingTimeInterval(-ago * 60)
                var members: [(String, JSONValue)] = [
                    (
                        "executions",
                        .array([
                            .object([
                                ("executionArn", .string(BulkRedriveTests.arn(name))),
                                ("stateMachineArn", .string(BulkRedriveTests.machine)), ("name", .string(name)),
                                ("status", .string(state)),
                                ("startDate", .number(String(start.timeIntervalSince1970))),
                                ("stopDate", .number(String(start.timeIntervalSince1970 + 3))),
                                ("redriveCount", .number(name == "o-2" ? "1000" : "0")),
                            ])
                        ])
                    )
                ]
                if page + 1 < matching.count { members.append(("nextToken", .string(String(page + 1)))) }
                return reply(members)
            case "AWSStepFunctions.DescribeExecution":
                let arn = body["executionArn"]?.stringValue ?? ""
                guard
                    let (name, state, ago, redrive, reason) = BulkRedriveTests.executions.first(where: {
                        BulkRedriveTests.arn($0.0) == arn
                    })
                else {
                    return HTTPResponse(
                        status: 400, headers: json, body: Array(#"{"__type":"ExecutionDoesNotExist"}"#.utf8))
                }
                let start = BulkRedriveTests.now.addingTimeInterval(-ago * 60).timeIntervalSince1970
                var members: [(String, JSONValue)] = [
                    ("executionArn", .string(arn)), ("stateMachineArn", .string(BulkRedriveTests.machine)),
                    ("name", .string(name)), ("status", .string(state)), ("startDate", .number(String(start))),
                    ("stopDate", .number(String(start + 3))), ("redriveCount", .number(name == "o-2" ? "1000" : "0")),
                    ("redriveStatus", .string(redrive)),
                ]
                if let reason { members.append(("redriveStatusReason", .string(reason))) }
                return reply(members)
            case "AWSStepFunctions.RedriveExecution":
                return reply([("redriveDate", .number(String(BulkRedriveTests.now.timeIntervalSince1970 + 1)))])
            default:
                return HTTPResponse(status: 400, headers: json, body: Array(#"{"__type":"UnknownOperation"}"#.utf8))
            }
        }
    }

    func session(_ states: ScriptedStates) -> (StackSession, ScriptedTransport) {
        let transport = ScriptedTransport { request, _ in try states.answer(request) }
        let client = TestAWS.client(endpoint: "http://127.0.0.1:9", transport: transport)
        let config = StackConfig(
            name: "prod", region: "us-east-1", endpointURL: "http://127.0.0.1:9", stateMachines: [Self.machine],
            staticCredentials: MotoFixture.testCredentials)
        return (StackSession(config: config, client: client), transport)
    }

    static let machines = [
        MachineListing(name: "OrderWorkflow", arn: machine, type: .standard),
        MachineListing(
            name: "Webhooks", arn: "arn:aws:states:us-east-1:123456789012:stateMachine:Webhooks", type: .express),
    ]

    @Test func theScriptedExchangesAreTheServiceModels() async throws {
        let list = try await SharedFixtures.operationShape("stepfunctions", "ListExecutions")
        #expect(Set(["stateMachineArn", "statusFilter", "redriveFilter", "nextToken"]).isSubset(of: list.input))
        // The list item's members this plan reads (botocore: ExecutionListItem).
        let (data, status) = try SharedFixtures.output(of: [
            "python3", "-c",
            "import botocore.session; m = botocore.session.get_session().get_service_model('stepfunctions'); "
                + "print(' '.join(m.shape_for('ExecutionListItem').members)); "
                + "print(' '.join(m.shape_for('ExecutionRedriveFilter').enum))",
        ])
        #expect(status == 0)
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map {
            Set($0.split(separator: " ").map(String.init))
        }
        #expect(Set(["redriveCount", "redriveDate", "startDate", "status"]).isSubset(of: lines[0]))
        #expect(lines[1] == ["REDRIVEN", "NOT_REDRIVEN"])
    }

    @Test func thePlanListsWhatEndedBadlySinceThenAndSaysWhyEachLeftOutIsLeftOut() async throws {
        let states = ScriptedStates()
        let (session, transport) = session(states)
        let plan = try await RedrivePlan.make(
            session: session, machines: Self.machines, since: Self.now.addingTimeInterval(-3600))
        // Newest first, the three-hour-old one not listed; NOT_REDRIVABLE left out with its reason.
        #expect(plan.entries.map(\.execution.name) == ["o-4", "o-1", "o-2"])
        #expect(plan.chosen.map(\.execution.name) == ["o-4", "o-1"])
        let refused = try #require(plan.entries.first { $0.execution.name == "o-2" })
        #expect(refused.refusal == "o-2 cannot be redriven: Execution has been redriven the maximum number of times")
        #expect(plan.expressMachines == ["Webhooks"])
        // Each status listed once; FAILED's paging stopped at the first one older than an hour.
        let listed = states.listed.withLock { $0 }
        #expect(
            listed.compactMap { $0["statusFilter"]?.stringValue }.sorted() == [
                "ABORTED", "FAILED", "FAILED", "FAILED", "TIMED_OUT",
            ])
        #expect(listed.allSatisfy { $0["redriveFilter"] == nil })
        // Described once each, never redriven while planning.
        let targets = transport.requests.compactMap { $0.headers.first { $0.0.lowercased() == "x-amz-target" }?.1 }
        #expect(targets.count { $0 == "AWSStepFunctions.DescribeExecution" } == 3)
        #expect(!targets.contains("AWSStepFunctions.RedriveExecution"))
    }

    @Test func notRedrivenOnlyAsksListExecutionsToLeaveTheRedrivenOnesOut() async throws {
        let states = ScriptedStates()
        let (session, _) = session(states)
        _ = try await RedrivePlan.make(
            session: session, machines: [Self.machines[0]], statuses: [.timedOut], since: nil, notRedrivenOnly: true)
        let listed = states.listed.withLock { $0 }
        #expect(listed.count == 1)
        #expect(listed.first?["redriveFilter"]?.stringValue == "NOT_REDRIVEN")
        #expect(listed.first?["statusFilter"]?.stringValue == "TIMED_OUT")
    }

    @Test func eachChosenOneIsRedrivenWithTheStandingThePlanRead() async throws {
        let states = ScriptedStates()
        let (session, transport) = session(states)
        let plan = try await RedrivePlan.make(
            session: session, machines: [Self.machines[0]], since: Self.now.addingTimeInterval(-3600))
        let before = transport.requests.count
        let redriver = ExecutionRedriver(session: session)
        for entry in plan.chosen {
            let redriven = try await redriver.redrive(entry.execution.arn, checked: entry.standing)
            #expect(redriven.before.redrive.status == .redrivable)
        }
        let sent = transport.requests[before...].compactMap {
            $0.headers.first { $0.0.lowercased() == "x-amz-target" }?.1
        }
        // No second DescribeExecution: the plan's check is the check.
        #expect(sent == Array(repeating: "AWSStepFunctions.RedriveExecution", count: plan.chosen.count))
    }

    @Test func theExecutionsListPassesTheRedriveFilterAndNotesEachRowsRedrives() async throws {
        let states = ScriptedStates()
        let (session, transport) = session(states)
        let store = ExecutionStore(session: session)
        var rows: [Execution] = []
        try await store.forEachPage(listing: Self.machines[0], status: "FAILED", redriveFilter: .redriven) {
            rows += $0
            return true
        }
        let listed = states.listed.withLock { $0 }
        #expect(listed.allSatisfy { $0["redriveFilter"]?.stringValue == "REDRIVEN" } && !listed.isEmpty)
        // The count each row carries, as the lists note it; and the filter held here too (this
        // scripted engine, as moto, answers every execution whatever the filter).
        #expect(rows.map(\.name) == ["o-2"])
        #expect(rows.first?.redrive.note == "redriven 1000×")
        // Express executions are never redriven: "only redriven" reads nothing for an Express machine.
        let before = transport.requests.count
        try await store.forEachPage(listing: Self.machines[1], redriveFilter: .redriven) { _ in
            Issue.record("an Express machine listed for --redriven")
            return true
        }
        #expect(transport.requests.count == before)
    }
}
