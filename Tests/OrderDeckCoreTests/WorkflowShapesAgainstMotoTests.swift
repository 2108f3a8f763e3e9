import AWSClient
import AWSServices
import Foundation
import LocalStack
import OrderDeckCore
import TestSupport
import Testing

/// OrderWorkflow's Map (stock per item: a backordered item retried then caught, a discontinued one
/// failing its iteration and cancelling the order) and Parallel (notify beside an audit write), run
/// by moto's interpreter, read back through the API and through the vended logs.
@Suite(.serialized) struct WorkflowShapesAgainstMotoTests {
    static func order(_ id: String, skus: [String]) -> String {
        let items = skus.map { #"{"sku":"\#($0)","quantity":2}"# }.joined(separator: ",")
        return
            #"{"id":"\#(id)","user_id":"shapes","customer":{"email":"s@example.com"},"items":[\#(items)],"amount":12.50,"currency":"EUR"}"#
    }

    @Test func mapAndParallelOnTheLocalStack() async throws {
        let running = try await LocalStackHarness.shared.start("shapes")
        let invoker = APIInvoker(client: running.client)
        let prefix = "sh-\(UUID().uuidString.prefix(6).lowercased())"
        // Payment succeeds three times in four: eight backordered orders make a completed one
        // (and so the Parallel) all but certain (1 in 65,536 that none completes).
        let backordered = (0..<8).map { "\(prefix)-b\($0)" }
        let discontinued = "\(prefix)-d"
        for id in backordered {
            _ = try await invoker.post(
                url: running.url("orders"), body: Array(Self.order(id, skus: ["MUG-001", "BACK-900", "TEE-042"]).utf8),
                authorization: .none)
        }
        _ = try await invoker.post(
            url: running.url("orders"),
            body: Array(Self.order(discontinued, skus: ["MUG-001", "DISCONTINUED-001"]).utf8),
            authorization: .none)

        let session = running.session(machines: [running.orders.name])
        let store = ExecutionStore(session: session)
        let machine = running.orders.name
        @Sendable func arn(_ id: String) -> String {
            "arn:aws:states:us-east-1:123456789012:execution:\(machine):\(id)"
        }
        var details: [String: (Execution, [ExecutionEvent])] = [:]
        for id in backordered + [discontinued] {
            let finished = try await Waiting.until(.seconds(60)) {
                let detail = try? await store.detail(arn: arn(id))
                return detail.flatMap { $0.execution.status == .running ? nil : $0 }
            }
            details[id] = try #require(finished, "\(id) did not finish")
        }

        // Every backordered order: three iterations; the BACK- one retried once, then caught.
        for id in backordered {
            let timeline = Timeline(events: try #require(details[id]).1)
            let map = try #require(timeline.steps.first { $0.name == "ReserveStock" })
            #expect(map.kind == "Map" && map.outcome == .succeeded)
            #expect(map.summary?.total == 3 && map.summary?.failed == 0)
            let iteration = try #require(map.children.first { $0.index == 1 })
            #expect(iteration.steps.map(\.name) == ["StockKind?", "ReserveBackorderedItem", "MarkBackordered"])
            let reserve = iteration.steps[1]
            #expect(reserve.retries == 1 && reserve.outcome == .caught)
            #expect(reserve.error == "DynamoDB.ResourceNotFoundException")
            #expect(
                map.children.filter { $0.index != 1 }.allSatisfy {
                    $0.steps.map(\.name) == ["StockKind?", "ReserveItem"]
                })
        }
        // A completed one: the Parallel's two branches, and the audit write landed.
        let completedId = try #require(backordered.first { details[$0]?.0.status == .succeeded })
        let completed = Timeline(events: try #require(details[completedId]).1)
        let parallel = try #require(completed.steps.last)
        #expect(parallel.name == "NotifyAndAudit" && parallel.kind == "Parallel" && parallel.outcome == .succeeded)
        #expect(Set(parallel.children.map { $0.steps.map(\.name) }) == [["NotifyOrderCompleted"], ["RecordAudit"]])
        #expect(parallel.children.allSatisfy { $0.outcome == .succeeded })
        let item = try await DynamoDBClient(client: running.client).getItem(
            .init(
                TableName: running.stack.tableName, Key: ["user_id": .s("shapes"), "id": .s(completedId)],
                ConsistentRead: true))
        #expect(item?["auditedAt"] != nil && item?["orderStatus"] == .s("COMPLETED"))

        // The discontinued one: its iteration failed, the Map's Catch cancelled the order.
        let failed = Timeline(events: try #require(details[discontinued]).1)
        let map = try #require(failed.steps.first { $0.name == "ReserveStock" })
        #expect(map.outcome == .caught)
        #expect(map.summary?.failed == 1)
        #expect(map.children.first { $0.index == 1 }?.failedStep?.name == "ItemDiscontinued")
        #expect(failed.failure?.path == ["ItemUnavailable"] && failed.failure?.error == "Order.ItemDiscontinued")
        let cancelled = try await DynamoDBClient(client: running.client).getItem(
            .init(
                TableName: running.stack.tableName, Key: ["user_id": .s("shapes"), "id": .s(discontinued)],
                ConsistentRead: true))
        #expect(cancelled?["orderStatus"] == .s("CANCELLED"))

        // The same executions rebuilt from their vended log records (the Express path) give the
        // same timelines, iterations and branches included.
        for id in [completedId, discontinued] {
            let expected = try #require(details[id])
            let group = running.orders.logGroupName
            let records = try #require(
                try await Waiting.until(.seconds(20)) {
                    let all = try await LogReader(
                        logs: CloudWatchLogsClient(client: running.client),
                        budget: RateBudget(ratePerSecond: 50, burst: 50)
                    )
                    .records(group: group)
                    let mine = all.filter { $0.executionArn == arn(id) }
                    return mine.count >= expected.1.count ? mine : nil
                })
            let rebuilt = ExpressReconstructor().build(
                arn: ExecutionARN(arn(id)), events: records.map(\.event), now: Date())
            let fromLogs = RenderedTimeline(Timeline(events: rebuilt.events))
            let fromAPI = RenderedTimeline(Timeline(events: expected.1))
            #expect(Self.shape(fromLogs) == Self.shape(fromAPI))
            #expect(rebuilt.execution.status == expected.0.status)
        }
    }

    /// Names, outcomes and groups, depth first: what must agree between the API and the logs.
    static func shape(_ timeline: RenderedTimeline) -> [String] {
        var lines: [String] = []
        func walk(_ steps: [RenderedTimeline.Step], _ depth: Int) {
            for step in steps {
                lines.append("\(depth) \(step.enteredEventId) \(step.name) \(step.outcome)")
                for group in step.children {
                    lines.append("\(depth) \(group.label) \(group.outcome)")
                    walk(group.steps, depth + 1)
                }
            }
        }
        walk(timeline.steps, 0)
        return lines + ["failure \(timeline.failurePath) \(timeline.failureError ?? "-")"]
    }
}

/// A distributed Map: its iterations run as child executions, so the Map row is summarised from
/// DescribeMapRun (read by the store with the history).
@Suite(.serialized) struct DistributedMapAgainstMotoTests {
    static let definition = """
        {"StartAt": "Fan", "States": {"Fan": {
          "Type": "Map", "ItemsPath": "$.items",
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "Bad?", "States": {
              "Bad?": {"Type": "Choice", "Choices": [{"Variable": "$.bad", "BooleanEquals": true, "Next": "Boom"}],
                       "Default": "Fine"},
              "Fine": {"Type": "Pass", "End": true},
              "Boom": {"Type": "Fail", "Error": "Item.Bad", "Cause": "a bad item"}}},
          "End": true}}}
        """

    @Test func aMapRunIsSummarisedFromDescribeMapRun() async throws {
        let running = try await LocalStackHarness.shared.start("shapes")
        let states = StepFunctionsClient(client: running.client)
        let name = "fan-\(UUID().uuidString.prefix(6).lowercased())"
        let machine = try await states.createStateMachine(
            .init(name: name, definition: Self.definition, roleArn: "arn:aws:iam::123456789012:role/orderdeck-test"))
        let items = (0..<5).map { #"{"n":\#($0),"bad":\#($0 == 3)}"# }.joined(separator: ",")
        let started = try await states.startExecution(
            .init(stateMachineArn: machine.stateMachineArn, name: "run-1", input: #"{"items":[\#(items)]}"#))
        let finished = try await Waiting.until(.seconds(30)) {
            let execution = try await states.describeExecution(started.executionArn)
            return execution.status == "RUNNING" ? nil : execution.status
        }
        // moto 5.2.5 lets the run succeed with one failed item (AWS would fail it without a
        // ToleratedFailure… field, which moto's parser rejects); the counts are what is checked.
        #expect(finished == "SUCCEEDED")

        let session = running.session(machines: [name])
        // moto answers DescribeMapRun with a 500 now and then while its worker still touches the
        // run (seen under the full suite's load): the detail read leaves the counts out then, so
        // read it again for a while before judging.
        let store = ExecutionStore(session: session)
        var (execution, events) = try await store.detail(arn: started.executionArn)
        for _ in 0..<20 where execution.mapRuns.isEmpty {
            try await Task.sleep(for: .seconds(1))
            (execution, events) = try await store.detail(arn: started.executionArn)
        }
        let timeline = Timeline(events: events)
        let map = try #require(timeline.steps.first)
        let run = try #require(map.mapRun)
        #expect(run.outcome == .succeeded)
        if execution.mapRuns[run.arn] == nil {
            // Say why DescribeMapRun left the counts out (the detail read drops a run it cannot describe).
            do {
                let described = try await states.describeMapRun(run.arn)
                Issue.record("no counts for \(run.arn), though DescribeMapRun answers now: \(described)")
            } catch {
                Issue.record("DescribeMapRun \(run.arn): \(error)")
            }
        }
        let counts = try #require(execution.mapRuns[run.arn])
        #expect(counts.total == 5 && counts.succeeded == 4 && counts.failed == 1)
        #expect(
            map.resultText(duration: { _ in "" }, mapRuns: execution.mapRuns).hasSuffix(
                "map run SUCCEEDED · 5 items · 4 succeeded · 1 failed"))
    }
}

/// The companion publishes what Step Functions would to CloudWatch (`AWS/States`, per state
/// machine); GetMetricData reads it back for the Overview.
@Suite(.serialized) struct StatesMetricsAgainstMotoTests {
    @Test func whatTheCompanionPublishesIsReadBack() async throws {
        let running = try await LocalStackHarness.shared.start("metrics")
        let invoker = APIInvoker(client: running.client)
        let prefix = "mx-\(UUID().uuidString.prefix(6).lowercased())"
        let ids = (0..<4).map { "\(prefix)-\($0)" }
        for (index, id) in ids.enumerated() {
            let skus = index == 3 ? #"[{"sku":"DISCONTINUED-001","quantity":1}]"# : #"[{"sku":"MUG-001","quantity":1}]"#
            let body =
                #"{"id":"\#(id)","user_id":"metrics","customer":{"email":"m@example.com"},"items":\#(skus),"amount":5,"currency":"EUR"}"#
            _ = try await invoker.post(url: running.url("orders"), body: Array(body.utf8), authorization: .none)
        }
        let session = running.session(machines: [running.orders.name])
        let machines = try await session.machines()
        let states = StepFunctionsClient(client: running.client)
        let listed = try #require(
            try await Waiting.until(.seconds(40)) {
                let all = try await states.listExecutions(stateMachineArn: running.orders.arn).collect().flatMap { $0 }
                let mine = all.filter { ids.contains($0.name) }
                return mine.count == ids.count && mine.allSatisfy { $0.status != "RUNNING" } ? mine : nil
            })
        let succeeded = listed.filter { $0.status == "SUCCEEDED" }.count
        let failed = listed.filter { $0.status == "FAILED" }.count
        // The companion delivers (and publishes) within a poll or two of the end.
        let metrics = try #require(
            try await Waiting.until(.seconds(20)) {
                let read = try await StatesMetricsReader(session: session).read(machines: machines, now: Date())
                let ended = read.points.reduce(0) { $0 + $1.succeeded + $1.failed }
                return ended >= ids.count ? read : nil
            }, "GetMetricData never showed the four executions")
        #expect(metrics.points.reduce(0) { $0 + $1.started } >= ids.count)
        #expect(metrics.points.reduce(0) { $0 + $1.succeeded } >= succeeded)
        #expect(metrics.points.reduce(0) { $0 + $1.failed } >= failed && failed >= 1)
        // ExecutionTime (Average) too: a failed order ends in well under a second, a completed
        // one waits 3 s for its payment.
        let slowest = try #require(metrics.slowestMinuteSeconds)
        #expect(slowest > 0 && slowest < 60)
        // The Overview charts these rather than what was loaded.
        let figures = OverviewFigures(executions: [], orders: [], logs: [], metrics: metrics, now: Date())
        #expect(figures.chartSource == "CloudWatch AWS/States")
        #expect(figures.minutes.reduce(0) { $0 + $1.failed } >= 1)
    }
}

/// The changed-orders index on moto: what the workflow writes (InitializeOrder, then complete or
/// cancel) is found by `updatedAt`, and a quiet moment reads nothing.
@Suite(.serialized) struct ChangedOrdersAgainstMotoTests {
    @Test func whatChangedIsReadAndNothingElse() async throws {
        let running = try await LocalStackHarness.shared.start("changed")
        let store = OrderStore(
            dynamoDB: DynamoDBClient(client: running.client), tableName: running.stack.tableName)
        #expect(try await store.hasChangedIndex())
        let before = Date().addingTimeInterval(-1)
        let id = "ch-\(UUID().uuidString.prefix(8).lowercased())"
        let body =
            #"{"id":"\#(id)","user_id":"changed","customer":{"email":"c@example.com"},"items":[{"sku":"MUG-001","quantity":1}],"amount":5,"currency":"EUR"}"#
        _ = try await APIInvoker(client: running.client).post(
            url: running.url("orders"), body: Array(body.utf8), authorization: .none)
        let final = try #require(
            try await Waiting.until(.seconds(30)) {
                let found = try await store.changed(since: before, now: Date()).first { $0.id.rawValue == id }
                return found.flatMap { $0.status == "PENDING" ? nil : $0 }
            }, "the order's completion never showed through the index")
        #expect(["COMPLETED", "CANCELLED"].contains(final.status))
        #expect((final.updatedAt ?? .distantPast) > (final.createdAt ?? .distantFuture))
        // Nothing changed after now: nothing read.
        let quiet = try await store.changed(since: Date().addingTimeInterval(1), now: Date())
        #expect(quiet.isEmpty)
    }
}
