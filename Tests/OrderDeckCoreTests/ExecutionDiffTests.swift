import AWSClient
import Foundation
import OrderDeckCore
import TestSupport
import Testing

/// `ExecutionDiff`: two timelines, built from event lists as Step Functions writes them, aligned
/// state by state — where the paths part, what differs, what is only an id or a time.
@Suite struct ExecutionDiffTests {
    @Test func anExecutionAgainstItselfIsTheSame() {
        let run = Self.order(paymentStatus: "APPROVED", then: "CompleteOrder")
        let diff = ExecutionDiff(run, run)
        #expect(diff.isSame)
        #expect(diff.divergence == nil)
        #expect(diff.summary == "same path and outputs")
        #expect(diff.rows.map(\.name) == ["ValidateOrder", "ProcessPayment", "CheckPayment", "CompleteOrder"])
        #expect(diff.rows.allSatisfy { !$0.differs && $0.a != nil && $0.b != nil })
    }

    @Test func aDifferentChoiceBranchPartsAfterTheChoice() throws {
        let declined = Self.order(paymentStatus: "DECLINED", then: "CancelFailedOrder")
        let approved = Self.order(paymentStatus: "APPROVED", then: "CompleteOrder")
        let diff = ExecutionDiff(declined, approved)
        #expect(!diff.isSame)
        let divergence = try #require(diff.divergence)
        #expect(divergence.after == "CheckPayment" && divergence.path.isEmpty)
        #expect(divergence.a == "CancelFailedOrder" && divergence.b == "CompleteOrder")
        #expect(diff.summary == "paths part after CheckPayment: A went to CancelFailedOrder, B to CompleteOrder")
        // The payment's answer is where the outputs first differ, field by field.
        let payment = try #require(diff.rows.first { $0.name == "ProcessPayment" })
        #expect(payment.introducedChanges.map(\.line) == [#"~ payment.status: "DECLINED" → "APPROVED""#])
        #expect(diff.rows.last?.name == "CancelFailedOrder / CompleteOrder" && diff.rows.last?.parts == true)

        let lines = ExecutionDiffText.lines(diff, labels: ("declined", "approved"), width: 100)
        #expect(lines.first == diff.summary)
        #expect(lines.contains { $0.contains(#"~ payment.status: "DECLINED" → "APPROVED""#) })
        let parted = try #require(lines.first { $0.hasPrefix("»") })
        #expect(parted.contains("CancelFailedOrder / CompleteOrder"))
        #expect(lines.allSatisfy { $0.count <= 100 })
    }

    @Test func pathsThatPartAndRejoinLineUp() {
        var a = DiffRecorder(input: "{}")
        a.pass("Start")
        a.pass("Short")
        a.pass("End")
        a.succeed()
        var b = DiffRecorder(input: "{}")
        b.pass("Start")
        b.pass("LongOne")
        b.pass("LongTwo")
        b.pass("End")
        b.succeed()
        let diff = ExecutionDiff(a.timeline, b.timeline)
        #expect(diff.rows.map(\.name) == ["Start", "Short / LongOne", "LongTwo", "End"])
        #expect(diff.rows.map(\.parts) == [false, true, true, false])
        #expect(diff.summary == "paths part after Start: A went to Short, B to LongOne")
    }

    @Test func aLoopAlignsInOrder() {
        func polling(_ rounds: Int) -> Timeline {
            var run = DiffRecorder(input: "{}")
            for _ in 0..<rounds {
                run.pass("Poll")
                run.pass("Wait", kind: .wait)
            }
            run.pass("Poll")
            run.pass("Done", kind: .succeed)
            run.succeed()
            return run.timeline
        }
        let diff = ExecutionDiff(polling(2), polling(1))
        #expect(diff.rows.map(\.name) == ["Poll", "Wait", "Poll", "Wait", "Poll", "Done"])
        #expect(diff.rows.map { $0.b != nil } == [true, true, true, false, false, true])
        #expect(diff.summary == "paths part after Poll: A went to Wait, B went no further")
        #expect(ExecutionDiff(polling(3), polling(3)).isSame)
    }

    @Test func mapIterationsAlignByIndex() throws {
        let same = ExecutionDiff(Self.mapRun(statuses: ["OK", "OK", "OK"]), Self.mapRun(statuses: ["OK", "OK", "OK"]))
        #expect(same.isSame)
        let map = try #require(same.rows.first { $0.kind == .map })
        #expect(map.groups.map(\.label) == ["iteration 0", "iteration 1", "iteration 2"])
        #expect(map.groups.allSatisfy { $0.rows.map(\.name) == ["ReserveStock"] })

        let oneDiffers = ExecutionDiff(
            Self.mapRun(statuses: ["OK", "OK", "OK"]), Self.mapRun(statuses: ["OK", "OUT", "OK"]))
        #expect(!oneDiffers.isSame && oneDiffers.divergence == nil)
        #expect(oneDiffers.summary == "same path; outputs differ at ReserveStock: stock")
        let groups = try #require(oneDiffers.rows.first { $0.kind == .map }?.groups)
        #expect(groups.map { $0.rows.contains(where: \.differs) } == [false, true, false])
        let lines = ExecutionDiffText.lines(oneDiffers, labels: ("a", "b"), width: 90)
        #expect(lines.contains { $0.contains("iteration 1") })
        #expect(lines.contains { $0.contains("2 iterations the same") })

        let fewer = ExecutionDiff(Self.mapRun(statuses: ["OK", "OK", "OK"]), Self.mapRun(statuses: ["OK", "OK"]))
        let divergence = try #require(fewer.divergence)
        #expect(divergence.path == ["ProcessItems"] && divergence.a == "iteration 2" && divergence.b == nil)
        #expect(fewer.summary == "paths part in ProcessItems: only A ran iteration 2")
    }

    /// Found by a new operator: branches were paired by index, and the timeline numbers them in
    /// the order they began — a race — so two runs of one definition could "differ" in a branch.
    /// They pair by the state each began with; a branch only one side began is said so.
    @Test func parallelBranchesAlignByFirstState() throws {
        let diff = ExecutionDiff(
            Self.parallelRun(branches: ["Ship", "NotifyEmail"]), Self.parallelRun(branches: ["Ship", "NotifySMS"]))
        let parallel = try #require(diff.rows.first { $0.kind == .parallel })
        #expect(parallel.groups.map(\.label) == ["branch NotifyEmail", "branch NotifySMS", "branch Ship"])
        #expect(parallel.groups.map(\.firstState) == ["NotifyEmail", "NotifySMS", "Ship"])
        #expect(
            parallel.groups.map { ($0.a != nil, $0.b != nil) }.map { "\($0)" } == [
                "(true, false)", "(false, true)", "(true, true)",
            ])
        #expect(parallel.groups[2].rows.allSatisfy { !$0.differs })
        let divergence = try #require(diff.divergence)
        #expect(divergence.isGroup && divergence.path == ["Fulfil"] && divergence.a == "branch NotifyEmail")
        #expect(
            diff.summary
                == "paths part in Fulfil: only A ran branch NotifyEmail; also in Fulfil: only B ran branch NotifySMS")
        #expect(diff.json["rows"].map { Self.array($0) }?.first.map { Self.array($0["groups"]).count } == 3)
        #expect(
            ExecutionDiff(
                Self.parallelRun(branches: ["Ship", "NotifySMS"]), Self.parallelRun(branches: ["Ship", "NotifySMS"])
            ).isSame)
    }

    @Test func branchesThatBeganInAnotherOrderCompareEqual() throws {
        let first = Self.parallelRun(branches: ["Ship", "NotifyEmail", "RecordAudit"])
        let raced = Self.parallelRun(branches: ["RecordAudit", "Ship", "NotifyEmail"])
        // The timelines number them as they began: the race is real.
        let indexed = try #require(raced.steps.first { $0.kind == .parallel }?.children)
        #expect(indexed.map { $0.steps.first?.name } == ["RecordAudit", "Ship", "NotifyEmail"])
        let diff = ExecutionDiff(first, raced, options: .init(strict: true))
        #expect(diff.isSame, "\(diff.summary)")
        #expect(diff.divergence == nil && diff.summary == "same path and outputs")
        let parallel = try #require(diff.rows.first { $0.kind == .parallel })
        #expect(parallel.groups.map(\.label) == ["branch NotifyEmail", "branch RecordAudit", "branch Ship"])
        #expect(parallel.groups.map(\.index) == [0, 1, 2])
        let lines = ExecutionDiffText.lines(diff, labels: ("a", "b"), width: 90)
        #expect(!lines.contains { $0.hasPrefix("»") || $0.hasPrefix("≠") }, "\(lines)")
    }

    /// Branches whose first states repeat cannot be told apart by them: by index, as they began.
    @Test func branchesWithARepeatedFirstStateAlignByIndex() throws {
        func run(_ seconds: [String]) -> Timeline {
            var run = DiffRecorder(input: "{}")
            run.container(
                .parallel, "Fulfil",
                branches: seconds.map { second in
                    { run in
                        run.pass("Prepare")
                        run.pass(second)
                    }
                })
            run.succeed()
            return run.timeline
        }
        let diff = ExecutionDiff(run(["Ship", "Notify"]), run(["Ship", "Audit"]))
        let parallel = try #require(diff.rows.first { $0.kind == .parallel })
        #expect(parallel.groups.map(\.label) == ["branch 0", "branch 1"])
        #expect(parallel.groups.allSatisfy { $0.firstState == nil })
        #expect(diff.summary == "paths part in Fulfil › branch 1 after Prepare: A went to Notify, B to Audit")
    }

    /// Found by a new operator: a completed order against one cancelled for a discontinued item
    /// led with the Map's extra item, not with where the order went elsewhere. The decisive place
    /// — the shallowest where one side went to another state — leads; the rest follows.
    @Test func theHeadlineLeadsWithWhereThePathWentElsewhere() throws {
        func run(stock: [String], then next: String) -> Timeline {
            var run = DiffRecorder(input: #"{"items":[1]}"#)
            run.pass("InitializeOrder")
            let iterations: [(inout DiffRecorder) -> Void] = stock.map { status in
                { run in run.task("ReserveItem", failures: 0, output: #"{"stock":"\#(status)"}"#) }
            }
            run.container(.map, "ReserveStock", branches: iterations)
            run.pass(next)
            run.succeed()
            return run.timeline
        }
        let diff = ExecutionDiff(
            run(stock: ["OK"], then: "GiftWrapRequested?"), run(stock: ["OK", "GONE"], then: "CancelUnavailableOrder"))
        let divergence = try #require(diff.divergence)
        #expect(divergence.path.isEmpty && divergence.after == "ReserveStock" && !divergence.isGroup)
        #expect(divergence.a == "GiftWrapRequested?" && divergence.b == "CancelUnavailableOrder")
        #expect(diff.divergences.count == 2 && diff.divergences[1].isGroup)
        #expect(
            diff.summary
                == "paths part after ReserveStock: A went to GiftWrapRequested?, B to CancelUnavailableOrder; "
                + "also in ReserveStock: only B ran iteration 1")
        #expect(diff.json["divergence"]?["after"] == .string("ReserveStock"))
        #expect(Self.array(diff.json["divergences"]).count == 2)

        // `»` marks the decisive place, not the first that parts on the page.
        let lines = ExecutionDiffText.lines(diff, labels: ("completed", "cancelled"), width: 160)
        #expect(lines.first == diff.summary)
        // Narrower, the headline is cut at its end: the decisive place stays.
        let narrow = ExecutionDiffText.lines(diff, labels: ("completed", "cancelled"), width: 100)
        #expect(narrow.first?.hasPrefix(divergence.text + ";") == true, "\(narrow)")
        let marked = lines.filter { $0.hasPrefix("»") }
        #expect(marked.count == 1 && marked.first?.contains("GiftWrapRequested? / CancelUnavailableOrder") == true)
        #expect(lines.contains { $0.hasPrefix("≠") && $0.contains("iteration 1") }, "\(lines)")
    }

    @Test func aRetriedTaskDiffersInItsRetries() throws {
        func run(failures: Int) -> Timeline {
            var run = DiffRecorder(input: #"{"orderId":"o-1"}"#)
            run.task("ProcessPayment", failures: failures, output: #"{"orderId":"o-1","paid":true}"#)
            run.succeed()
            return run.timeline
        }
        let diff = ExecutionDiff(run(failures: 0), run(failures: 2))
        #expect(!diff.isSame && diff.divergence == nil)
        let row = try #require(diff.rows.first)
        #expect(row.retriesDiffer && row.a?.retries == 0 && row.b?.retries == 2)
        #expect(diff.summary == "same path; retries differ at ProcessPayment: A 0, B 2")
        let lines = ExecutionDiffText.lines(diff, labels: ("a", "b"), width: 90)
        #expect(lines.contains { $0.contains("retries: A 0 · B 2") })
        #expect(lines.contains { $0.contains("(2 retries)") })
    }

    @Test func aDifferentErrorIsAnOutcomeDifference() throws {
        func run(_ error: String) -> Timeline {
            var run = DiffRecorder(input: "{}")
            run.task("ProcessPayment", failures: 0, output: nil, error: (error, "payment service said no"))
            run.add("ExecutionFailed", [("error", .string(error)), ("cause", .string("payment service said no"))])
            return run.timeline
        }
        let diff = ExecutionDiff(run("Payment.Declined"), run("Payment.Timeout"))
        #expect(!diff.isSame)
        #expect(
            diff.summary
                == "same path; ProcessPayment ended differently: A FAILED Payment.Declined, B FAILED Payment.Timeout")
    }

    @Test func idsAndTimesAreVolatileUnlessStrict() throws {
        func run(_ id: String, _ time: String, _ execution: String) -> Timeline {
            var run = DiffRecorder(input: #"{"orderId":"o-1"}"#)
            let output =
                #"{"orderId":"o-1","requestId":"\#(id)","at":"\#(time)","#
                + #""by":"arn:aws:states:us-east-1:123456789012:execution:orders:\#(execution)","#
                + #""note":"started by \#(execution) at \#(time)"}"#
            run.task("ProcessPayment", failures: 0, output: output)
            run.succeed()
            return run.timeline
        }
        let a = run("3f1c2b9e-8c1d-4b7a-9a55-0c0e8f1e2d3a", "2026-12-03T21:00:00.120Z", "run-1")
        let b = run("9d2e4c1a-1b2c-4d3e-8f90-123456789abc", "2026-12-03T22:10:05Z", "run-2")
        let diff = ExecutionDiff(a, b)
        #expect(!diff.isSame)
        #expect(diff.volatileFields == ["requestId", "at", "by"])
        #expect(diff.summary == "same path; outputs differ at ProcessPayment: note")
        // An execution name an operator chose is blanked when the caller names it.
        let named = ExecutionDiff(a, b, options: .init(executionNames: ["run-1", "run-2"]))
        #expect(named.isSame)
        #expect(named.volatileFields == ["requestId", "at", "by", "note"])
        #expect(named.summary == "same path and outputs (4 id/time fields differ)")

        let strict = ExecutionDiff(a, b, options: .init(strict: true))
        #expect(!strict.isSame && strict.volatileFields.isEmpty)
        #expect(strict.summary == "same path; outputs differ at ProcessPayment: requestId, at, by (+1 more)")
        let json = strict.json
        #expect(json["same"] == .bool(false))
        #expect(Self.array(json["rows"]).first.map { Self.array($0["outputChanges"]).count } == 4)
    }

    @Test func theJSONFormSaysWhereThePathsPart() throws {
        let diff = ExecutionDiff(
            Self.order(paymentStatus: "DECLINED", then: "CancelFailedOrder"),
            Self.order(paymentStatus: "APPROVED", then: "CompleteOrder"))
        let json = diff.json
        #expect(json["same"] == .bool(false))
        #expect(json["divergence"]?["after"] == .string("CheckPayment"))
        #expect(json["divergence"]?["a"] == .string("CancelFailedOrder"))
        let rows = Self.array(json["rows"])
        #expect(rows.count == 4)
        let change = Self.array(rows[1]["outputChanges"]).first
        #expect(change?["path"] == .string("payment.status") && change?["a"] == .string(#""DECLINED""#))
        #expect(change?["volatile"] == .bool(false))
    }

    // MARK: - Recorded on real AWS

    /// The shared recorded histories, each with its test family and snapshot key.
    static func recorded() throws -> [(test: String, key: String, history: SavedHistory)] {
        let data = try Data(contentsOf: SharedFixtures.recordedHistories)
        let saved = try SavedHistory.parse(data)
        let raw = try data.split(separator: UInt8(ascii: "\n")).map {
            try #require(try JSONSerialization.jsonObject(with: Data($0)) as? [String: Any])
        }
        try #require(saved.count == raw.count)
        return zip(raw, saved).map { record, history in
            (record["test"] as? String ?? "?", record["snapshot_key"] as? String ?? "?", history)
        }
    }

    @Test func everyRecordedHistoryAgainstItselfIsTheSame() throws {
        let histories = try Self.recorded()
        #expect(histories.count >= 400)
        for (test, key, history) in histories {
            let timeline = Timeline(events: history.events)
            let diff = ExecutionDiff(timeline, timeline, options: .init(strict: true))
            #expect(diff.isSame, "\(test) \(key): \(diff.summary)")
            #expect(diff.summary == "same path and outputs", "\(test) \(key)")
            #expect(diff.allRows.count == timeline.allSteps.count, "\(test) \(key)")
        }
    }

    /// Two runs of one test family: where they first part, as read off the recordings by hand.
    @Test func twoRunsOfATestFamilyPartWhereTheirPathsDo() throws {
        let histories = try Self.recorded()
        func timeline(_ test: String, _ key: String) throws -> Timeline {
            let found = try #require(histories.first { $0.test.hasSuffix(test) && $0.key == key })
            return Timeline(events: found.history.events)
        }
        // A Choice on the input's data: one run to NEXT_STATE_ONE, the other to NEXT_STATE_TWO.
        let first = try timeline("::test_path_based_on_data", "first_path__execution_history")
        let second = try timeline("::test_path_based_on_data", "second_path__execution_history")
        let paths = ExecutionDiff(first, second)
        #expect(paths.summary == "paths part after Choice State: A went to NEXT_STATE_ONE, B to NEXT_STATE_TWO")
        let choice = try #require(paths.rows.first)
        #expect(choice.inputChanges.map(\.line) == [#"~ type: "Public" → "Private""#, "~ value: 3 → 25"])

        // A callback that succeeded against one that failed: the task ends differently, then the
        // paths part to the Succeed and the Fail state.
        let success = try timeline("::test_wait_for_callback", "success__execution_history")
        let failure = try timeline("::test_wait_for_callback", "failure__execution_history")
        let callback = ExecutionDiff(success, failure)
        let divergence = try #require(callback.divergence)
        #expect(divergence.after == "Start Task And Wait For Callback")
        #expect(divergence.a == "Succeed State" && divergence.b == "Fail State")
        #expect(callback.rows.first?.outputChanges.isEmpty == false)

        // Same path, a different input and the same output: the same, and the input named.
        let range0 = try timeline("::test_array_range", "exec_hist_resp_0")
        let range1 = try timeline("::test_array_range", "exec_hist_resp_1")
        let range = ExecutionDiff(range0, range1)
        #expect(range.isSame)
        #expect(range.summary == "same path and outputs; inputs differ at State_0: FunctionInput.snd")

        // Every family with several runs: the diff agrees with itself, whatever it finds.
        var families: [String: [Timeline]] = [:]
        for (test, _, history) in histories { families[test, default: []].append(Timeline(events: history.events)) }
        var compared = 0
        for (test, runs) in families where runs.count > 1 {
            let diff = ExecutionDiff(runs[0], runs[1])
            compared += 1
            if diff.divergence != nil { #expect(!diff.isSame && diff.summary.hasPrefix("paths part"), "\(test)") }
            #expect(!ExecutionDiffText.lines(diff, labels: ("a", "b"), width: 120).isEmpty)
        }
        #expect(compared >= 10)
    }

    static func array(_ value: JSONValue?) -> [JSONValue] {
        if case .array(let elements)? = value { return elements }
        return []
    }

    // MARK: - Histories

    /// The order workflow: validate, pay, branch on the payment's status.
    static func order(paymentStatus: String, then last: String) -> Timeline {
        var run = DiffRecorder(input: #"{"orderId":"o-1","total":42}"#)
        run.task("ValidateOrder", failures: 0, output: #"{"orderId":"o-1","total":42,"valid":true}"#)
        let paid = #"{"orderId":"o-1","total":42,"valid":true,"payment":{"status":"\#(paymentStatus)"}}"#
        run.task("ProcessPayment", failures: 0, output: paid)
        run.pass("CheckPayment", kind: .choice)
        run.task(last, failures: 0, output: paid)
        run.succeed()
        return run.timeline
    }

    /// A Map over items, one `ReserveStock` per item answering `statuses[i]`.
    static func mapRun(statuses: [String]) -> Timeline {
        var run = DiffRecorder(input: #"{"items":[1,2,3]}"#)
        run.pass("Validate")
        let iterations: [(inout DiffRecorder) -> Void] = statuses.map { status in
            { run in run.task("ReserveStock", failures: 0, output: #"{"stock":"\#(status)"}"#) }
        }
        run.container(.map, "ProcessItems", branches: iterations)
        run.pass("Done", kind: .succeed)
        run.succeed()
        return run.timeline
    }

    /// A Parallel whose branches (one Pass each) begin in the order given.
    static func parallelRun(branches: [String]) -> Timeline {
        var run = DiffRecorder(input: "{}")
        run.container(.parallel, "Fulfil", branches: branches.map { name in { run in run.pass(name) } })
        run.succeed()
        return run.timeline
    }
}

/// An execution's events, written the way Step Functions chains them (`previousEventId`).
struct DiffRecorder {
    var events: [ExecutionEvent] = []
    var document: String

    init(input: String) {
        document = input
        add("ExecutionStarted", [("input", .string(input))], after: 0)
    }

    var timeline: Timeline { Timeline(events: events) }

    @discardableResult
    mutating func add(_ type: String, _ details: [(String, JSONValue)] = [], after previous: Int? = nil) -> Int {
        let id = events.count + 1
        events.append(
            ExecutionEvent(
                id: id, previousEventId: previous ?? id - 1, type: type,
                timestamp: Date(timeIntervalSince1970: 1_800_000_000 + Double(id) / 4), details: .object(details)))
        return id
    }

    mutating func pass(_ name: String, kind: StateKind = .pass, after previous: Int? = nil) {
        add("\(kind)StateEntered", [("name", .string(name)), ("input", .string(document))], after: previous)
        add("\(kind)StateExited", [("name", .string(name)), ("output", .string(document))])
    }

    /// `failures` attempts fail (and are retried) before the last one answers `output`, or fails
    /// with `error` and leaves the state failed.
    mutating func task(_ name: String, failures: Int, output: String?, error: (String, String)? = nil) {
        add("TaskStateEntered", [("name", .string(name)), ("input", .string(document))])
        for _ in 0..<failures {
            add("TaskScheduled", [("resource", .string("invoke"))])
            add("TaskStarted")
            add("TaskFailed", [("error", .string("Lambda.ServiceException")), ("cause", .string("busy"))])
        }
        add("TaskScheduled", [("resource", .string("invoke"))])
        add("TaskStarted")
        if let error {
            add("TaskFailed", [("error", .string(error.0)), ("cause", .string(error.1))])
            return
        }
        let output = output ?? document
        add("TaskSucceeded", [("output", .string(output))])
        add("TaskStateExited", [("name", .string(name)), ("output", .string(output))])
        document = output
    }

    /// A Map (one iteration a closure) or a Parallel (one branch a closure).
    mutating func container(_ kind: StateKind, _ name: String, branches: [(inout DiffRecorder) -> Void]) {
        add("\(kind)StateEntered", [("name", .string(name)), ("input", .string(document))])
        let started = add("\(kind)StateStarted", [("length", .number(String(branches.count)))])
        let before = document
        for (index, branch) in branches.enumerated() {
            if kind == .map {
                add("MapIterationStarted", [("name", .string(name)), ("index", .number(String(index)))])
                branch(&self)
                add("MapIterationSucceeded", [("name", .string(name)), ("index", .number(String(index)))])
            } else {
                // Each branch's first state follows the ParallelStateStarted.
                let first = events.count + 1
                branch(&self)
                events[first - 1].previousEventId = started
            }
            document = before
        }
        add("\(kind)StateSucceeded")
        add("\(kind)StateExited", [("name", .string(name)), ("output", .string(document))])
    }

    mutating func succeed() { add("ExecutionSucceeded", [("output", .string(document))]) }

}
