import AWSClient
import AWSServices
import Foundation
import OrderDeckCore
import TestSupport
import Testing

/// Distributed Map runs (issue 27): ListMapRuns, DescribeMapRun and ListExecutions by
/// `mapRunArn`, through the transport seam with exchanges written from botocore's model of the
/// operations (checked against it first). LocalStack runs them for real in
/// `LocalStackMapRunTests`; it answers every call but the child listing.
@Suite struct MapRunTests {
    static let execution = "arn:aws:states:us-east-1:123456789012:execution:Fulfil:order-9"
    static let first = "arn:aws:states:us-east-1:123456789012:mapRun:Fulfil/ShipItems:0b1c"
    static let second = "arn:aws:states:us-east-1:123456789012:mapRun:Fulfil/Refund:7e7e"

    static func counts(total: Int, succeeded: Int, failed: Int, running: Int = 0) -> JSONValue {
        .object([
            ("pending", .number("0")), ("running", .number("\(running)")), ("succeeded", .number("\(succeeded)")),
            ("failed", .number("\(failed)")), ("timedOut", .number("0")), ("aborted", .number("0")),
            ("total", .number("\(total)")), ("resultsWritten", .number("\(succeeded)")),
            ("failuresNotRedrivable", .number("1")), ("pendingRedrive", .number("0")),
        ])
    }

    /// DescribeMapRun's answer for `arn`: every member the model has.
    static func described(_ arn: String) -> [(String, JSONValue)] {
        [
            ("mapRunArn", .string(arn)), ("executionArn", .string(execution)),
            ("status", .string(arn == first ? "FAILED" : "SUCCEEDED")), ("startDate", .number("1790000000.5")),
            ("stopDate", .number("1790000042.25")), ("maxConcurrency", .number("40")),
            ("toleratedFailurePercentage", .number("12.5")), ("toleratedFailureCount", .number("3")),
            ("itemCounts", counts(total: 120, succeeded: 100, failed: 20)),
            ("executionCounts", counts(total: 12, succeeded: 10, failed: 2)), ("redriveCount", .number("1")),
            ("redriveDate", .number("1790000100")),
        ]
    }

    static func child(_ name: String, status: String, start: Int) -> JSONValue {
        .object([
            ("executionArn", .string("arn:aws:states:us-east-1:123456789012:execution:Fulfil/ShipItems:\(name)")),
            ("stateMachineArn", .string("arn:aws:states:us-east-1:123456789012:stateMachine:Fulfil/ShipItems")),
            ("name", .string(name)), ("status", .string(status)), ("startDate", .number("\(start)")),
            ("stopDate", .number("\(start + 3)")), ("mapRunArn", .string(first)), ("itemCount", .number("10")),
        ])
    }

    /// A scripted Step Functions: two pages of each listing; `childrenFail` answers the child
    /// listing as LocalStack 2026.3 does.
    static func answer(_ request: HTTPRequest, childrenFail: Bool = false) -> HTTPResponse {
        let json = [("Content-Type", "application/x-amz-json-1.0")]
        func ok(_ members: [(String, JSONValue)]) -> HTTPResponse {
            HTTPResponse(status: 200, headers: json, body: Array(JSONValue.object(members).description.utf8))
        }
        let body = (try? JSONValue.parse(request.body)) ?? .null
        let token = body["nextToken"]?.stringValue
        switch target(request) {
        case "AWSStepFunctions.ListMapRuns":
            // The later run first: the reader puts them in the order they started.
            let item = { (arn: String, start: String) -> JSONValue in
                .object([
                    ("executionArn", .string(execution)), ("mapRunArn", .string(arn)),
                    ("stateMachineArn", .string(arn.replacingOccurrences(of: ":mapRun:", with: ":stateMachine:"))),
                    ("startDate", .number(start)),
                ])
            }
            return token == nil
                ? ok([("mapRuns", .array([item(second, "1790000050")])), ("nextToken", .string("runs-2"))])
                : ok([("mapRuns", .array([item(first, "1790000000.5")]))])
        case "AWSStepFunctions.DescribeMapRun":
            return ok(described(body["mapRunArn"]?.stringValue ?? ""))
        case "AWSStepFunctions.ListExecutions":
            if childrenFail {
                return HTTPResponse(
                    status: 400, headers: json,
                    body: Array(#"{"__type":"ValidationException","message":"Must provide a StateMachine ARN"}"#.utf8))
            }
            return token == nil
                ? ok([
                    ("executions", .array([child("c-3", status: "FAILED", start: 1_790_000_030)])),
                    ("nextToken", .string("children-2")),
                ])
                : ok([
                    (
                        "executions",
                        .array([
                            child("c-2", status: "SUCCEEDED", start: 1_790_000_020),
                            child("c-1", status: "SUCCEEDED", start: 1_790_000_010),
                        ])
                    )
                ])
        default:
            return HTTPResponse(status: 400, headers: json, body: Array(#"{"__type":"UnknownOperation"}"#.utf8))
        }
    }

    static func target(_ request: HTTPRequest) -> String? {
        request.headers.first { $0.0.lowercased() == "x-amz-target" }?.1
    }

    func session(childrenFail: Bool = false) -> (StackSession, ScriptedTransport) {
        let transport = ScriptedTransport { request, _ in Self.answer(request, childrenFail: childrenFail) }
        let client = TestAWS.client(endpoint: "http://127.0.0.1:9", transport: transport)
        let config = StackConfig(
            name: "prod", region: "us-east-1", endpointURL: "http://127.0.0.1:9",
            stateMachines: ["arn:aws:states:us-east-1:123456789012:stateMachine:Fulfil"],
            staticCredentials: MotoFixture.testCredentials)
        return (StackSession(config: config, client: client), transport)
    }

    static func members(_ value: JSONValue) -> Set<String> { Set((value.objectMembers ?? []).map(\.0)) }

    @Test func theScriptedExchangesAreTheServiceModels() async throws {
        let describe = try await SharedFixtures.operationShape("stepfunctions", "DescribeMapRun")
        #expect(describe.required == ["mapRunArn"])
        #expect(Set(Self.described(Self.first).map(\.0)) == Set(describe.output))
        let listRuns = try await SharedFixtures.operationShape("stepfunctions", "ListMapRuns")
        #expect(listRuns.required == ["executionArn"] && listRuns.output == ["mapRuns", "nextToken"])
        let listExecutions = try await SharedFixtures.operationShape("stepfunctions", "ListExecutions")
        #expect(listExecutions.input.contains("mapRunArn"))
        // Either the machine or the Map Run: neither is required.
        #expect(listExecutions.required.isEmpty)

        // What the reader sends: only members of each operation's input, the Map Run's ARN and
        // no machine for the children.
        let (session, transport) = session()
        let reader = MapRunReader(session: session)
        _ = try await reader.runs(of: Self.execution)
        _ = try await reader.detail(Self.first)
        let inputs = [
            "ListMapRuns": listRuns.input, "DescribeMapRun": describe.input, "ListExecutions": listExecutions.input,
        ]
        for request in transport.requests {
            let operation = String(try #require(Self.target(request)).dropFirst("AWSStepFunctions.".count))
            let sent = Self.members(try JSONValue.parse(request.body))
            #expect(sent.isSubset(of: Set(try #require(inputs[operation]))), "\(operation): \(sent)")
            if operation == "ListExecutions" {
                #expect(sent.contains("mapRunArn") && !sent.contains("stateMachineArn"))
            }
        }
    }

    @Test func anExecutionsRunsAreListedInTheOrderTheyStartedEachDescribedInFull() async throws {
        let (session, transport) = session()
        let runs = try await MapRunReader(session: session).runs(of: Self.execution)
        #expect(runs.map(\.arn) == [Self.first, Self.second])
        let run = try #require(runs.first)
        #expect(run.name == "ShipItems:0b1c")
        #expect(run.status == .failed && run.executionArn.rawValue == Self.execution)
        #expect(run.maxConcurrency == 40 && run.toleratedFailureCount == 3 && run.toleratedFailurePercentage == 12.5)
        #expect(
            run.itemCounts
                == MapRun.Counts(
                    total: 120, succeeded: 100, failed: 20, resultsWritten: 100, failuresNotRedrivable: 1,
                    pendingRedrive: 0))
        #expect(run.executionCounts.total == 12 && run.executionCounts.failed == 2)
        #expect(run.redriveCount == 1 && run.redriveDate == Date(timeIntervalSince1970: 1_790_000_100))
        #expect(run.elapsed(now: Date()) == 41.75)
        #expect(run.toleranceText == "tolerates up to 3 failed items or 12.5%")
        #expect(run.concurrencyText == "max concurrency 40")
        #expect(
            run.itemCounts.text == "120 total · 100 succeeded · 20 failed · 0 running · 0 pending · 1 not redrivable")
        // Both pages of ListMapRuns, then one DescribeMapRun each.
        #expect(
            transport.requests.compactMap(Self.target) == [
                "AWSStepFunctions.ListMapRuns", "AWSStepFunctions.ListMapRuns", "AWSStepFunctions.DescribeMapRun",
                "AWSStepFunctions.DescribeMapRun",
            ])
    }

    @Test func aRunsChildrenAreListedByItsArnEveryPageUpToTheLimit() async throws {
        let (session, _) = session()
        let detail = try await MapRunReader(session: session).detail(Self.first)
        #expect(detail.children.map(\.name) == ["c-3", "c-2", "c-1"])
        #expect(detail.children.map(\.status) == [.failed, .succeeded, .succeeded])
        #expect(detail.children.allSatisfy { $0.machineName == "Fulfil/ShipItems" })
        #expect(!detail.moreChildren && detail.childrenProblem == nil)
        let cut = try await MapRunReader(session: session).detail(Self.first, childLimit: 2)
        #expect(cut.children.map(\.name) == ["c-3", "c-2"] && cut.moreChildren)
        var pages: [[String]] = []
        try await MapRunReader(session: session).forEachChildPage(of: Self.first, status: "FAILED", limit: 1) {
            pages.append($0.map(\.name))
            return true
        }
        #expect(pages == [["c-3"]])
    }

    /// A listing the engine refuses leaves the counts standing and says why (LocalStack 2026.3
    /// does not list a Map Run's children).
    @Test func aChildListingThatFailsLeavesTheCountsAndSaysWhy() async throws {
        let (session, _) = session(childrenFail: true)
        let detail = try await MapRunReader(session: session).detail(Self.first)
        #expect(detail.run.itemCounts.total == 120)
        #expect(detail.children.isEmpty)
        #expect(detail.childrenProblem?.contains("ValidationException") == true)
    }

    @Test func anExpressExecutionHasNoMapRunsAndNothingIsAsked() async throws {
        let (session, transport) = session()
        let express = "arn:aws:states:us-east-1:123456789012:express:Fulfil:run-1:abc"
        await #expect(throws: CoreError.self) { try await MapRunReader(session: session).runs(of: express) }
        #expect(transport.requests.isEmpty)
        #expect(MapRun.isArn(Self.first) && !MapRun.isArn(Self.execution) && !MapRun.isArn("mapRun"))
    }

    /// The real AWS histories with distributed Maps: each MapRunStarted is its Map row's run, by
    /// its ARN, with the outcome its MapRun event gave — what ⏎ on the row opens.
    @Test func everyRecordedMapRunIsItsMapRowsRun() throws {
        let data = try Data(contentsOf: SharedFixtures.recordedHistories)
        let saved = try SavedHistory.parse(data)
        var runs = 0
        var failed = 0
        for history in saved {
            let started = history.events.filter { $0.type == "MapRunStarted" }
            guard !started.isEmpty else { continue }
            var rows: [Timeline.Step] = []
            func collect(_ steps: [Timeline.Step]) {
                for step in steps {
                    if step.mapRun != nil { rows.append(step) }
                    for group in step.children { collect(group.steps) }
                }
            }
            collect(Timeline(events: history.events).steps)
            #expect(rows.count == started.count, "\(history.execution.arn)")
            #expect(
                Set(rows.compactMap { $0.mapRun?.arn })
                    == Set(started.compactMap { $0.details["mapRunArn"]?.stringValue }))
            for row in rows {
                #expect(row.kind == .map && !row.hasChildren)
                if row.mapRun?.outcome == .failed {
                    failed += 1
                    #expect(row.mapRun?.error == "States.ItemReaderFailed")
                }
            }
            runs += rows.count
        }
        #expect(runs == 51 && failed == 3)
    }
}
