import AWSClient
import Foundation
import LocalStack
import OrderDeckCore
import TestSupport
import Testing

/// What a replay is made of, without an engine: the definition made fit to replay, the answers
/// taken from a history (Map iterations in order, retries per attempt, caught errors), the mock
/// configuration written from them, and the what-if answers an operator gives.
@Suite struct ReplayPreparationTests {
    static func orderWorkflow() throws -> String {
        try String(
            contentsOfFile: ProjectFiles.configDirectory() + "/statemachines/order-workflow.asl.json", encoding: .utf8)
    }

    static func state(_ definition: JSONValue, _ path: [String]) -> JSONValue? {
        var current: JSONValue? = definition
        for key in path { current = current?[key] }
        return current
    }

    // MARK: The definition

    @Test func theOrderWorkflowIsMadeFitToReplayAndEachChangeIsSaid() throws {
        let replay = try ReplayDefinition(definition: try Self.orderWorkflow(), pinnable: ["ProcessPayment"])
        let rewritten = try JSONValue.parse(replay.text)
        let states = try #require(rewritten["States"])
        #expect(
            replay.taskStates == [
                "InitializeOrder", "ReserveBackorderedItem", "ApplyGiftWrap", "CompleteOrder", "NotifyOrderCompleted",
                "RecordAudit", "CancelFailedOrder", "NotifyOrderCancelled", "CancelUnavailableOrder", "ProcessPayment",
            ])
        // Every Task runs as the stand-in; Parameters stay (they are still evaluated).
        #expect(states["InitializeOrder"]?["Resource"]?.stringValue?.hasPrefix("arn:aws:lambda:") == true)
        #expect(states["InitializeOrder"]?["Parameters"] != nil)
        let branchTask = Self.state(states, ["NotifyAndAudit", "Branches"])
        guard case .array(let branches)? = branchTask else {
            Issue.record("no branches")
            return
        }
        #expect(
            branches.allSatisfy { branch in
                branch["States"]?.objectMembers?.allSatisfy {
                    $0.1["Resource"]?.stringValue?.hasPrefix("arn:aws:lambda:") ?? true
                }
                    ?? false
            })
        // Map one at a time, also inside it.
        #expect(states["ReserveStock"]?["MaxConcurrency"] == .number("1"))
        let inner = Self.state(
            states, ["ReserveStock", "ItemProcessor", "States", "ReserveBackorderedItem", "Resource"])
        #expect(inner?.stringValue?.hasPrefix("arn:aws:lambda:") == true)
        // Waits 0 s; retries 1 s without backoff.
        #expect(states["AwaitPaymentConfirmation"]?["Seconds"] == .number("0"))
        let retrier = Self.state(states, ["ApplyGiftWrap", "Retry"])
        guard case .array(let retriers)? = retrier else {
            Issue.record("no Retry")
            return
        }
        #expect(retriers.allSatisfy { $0["IntervalSeconds"] == .number("1") && $0["BackoffRate"] == .number("1") })
        // The random Pass answers from the recording, its result placed where the Pass put it.
        #expect(states["ProcessPayment"]?["Type"]?.stringValue == "Task")
        #expect(states["ProcessPayment"]?["Parameters"] == nil)
        #expect(states["ProcessPayment"]?["ResultPath"]?.stringValue == "$.payment")
        #expect(replay.pinnedPasses == ["ProcessPayment": "$.payment"])
        for phrase in [
            "no service is called", "Map iterations run one at a time (ReserveStock)", "Wait states wait 0 s",
            "Retry intervals are 1 s", "ProcessPayment (a Pass built on randomness)",
        ] {
            #expect(replay.changes.contains { $0.contains(phrase) }, "\(phrase): \(replay.changes)")
        }
    }

    @Test func aRandomPassTheOriginalNeverRanRunsForRealAndAJSONataOneIsAnsweredWhole() throws {
        let replay = try ReplayDefinition(definition: try Self.orderWorkflow(), pinnable: [])
        #expect(replay.pinnedPasses.isEmpty && !replay.taskStates.contains("ProcessPayment"))
        let jsonata = #"""
            {"QueryLanguage": "JSONata", "StartAt": "Roll", "States": {
              "Roll": {"Type": "Pass", "Output": "{% {'roll': $random()} %}", "Next": "Done"},
              "Done": {"Type": "Succeed"}}}
            """#
        let pinned = try ReplayDefinition(definition: jsonata, pinnable: ["Roll"])
        #expect(pinned.pinnedPasses.keys.sorted() == ["Roll"] && pinned.pinnedPasses["Roll"] == .some(String?.none))
        let roll = try JSONValue.parse(pinned.text)["States"]?["Roll"]
        #expect(roll?["Output"] == nil && roll?["Type"]?.stringValue == "Task")
        #expect(throws: CoreError.self) { try ReplayDefinition(definition: "{\"Comment\": 1}", pinnable: []) }
    }

    @Test func aTransitionToAStateThatIsNotThereIsRefusedNamingIt() throws {
        func refusal(_ definition: String) -> String? {
            do {
                _ = try ReplayDefinition(definition: definition, pinnable: [])
                return nil
            } catch {
                return "\(error)"
            }
        }
        #expect(
            refusal(#"{"StartAt": "Nope", "States": {"A": {"Type": "Succeed"}}}"#)?.contains("StartAt names 'Nope'")
                == true)
        let choice = #"""
            {"StartAt": "C", "States": {"C": {"Type": "Choice", "Default": "A",
              "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "Nowhere"}]}, "A": {"Type": "Succeed"}}}
            """#
        #expect(refusal(choice)?.contains("C goes to 'Nowhere'") == true)
        var workflow = try Self.orderWorkflow()
        #expect(refusal(workflow) == nil)
        // Inside a Map's processor, in its own scope.
        workflow = workflow.replacingOccurrences(
            of: "\"Default\": \"ReserveItem\"", with: "\"Default\": \"ReserveItm\"")
        #expect(refusal(workflow)?.contains("StockKind? goes to 'ReserveItm'") == true)
        #expect(refusal("not json")?.contains("is not JSON") == true)
    }

    // MARK: The answers

    @Test func everyRecordedTaskAttemptHasItsAnswer() throws {
        let data = try Data(contentsOf: SharedFixtures.recordedHistories)
        var tasks = 0
        for history in try SavedHistory.parse(data) {
            let timeline = Timeline(events: history.events)
            for step in timeline.allSteps
            where step.kind == .task && step.outcome != .aborted && step.outcome != .running {
                tasks += 1
                // An attempt is answered once: a result, or the error it failed with.
                #expect(step.answers.count == step.attempts, "\(history.execution.name) \(step.name)")
                if step.outcome == .succeeded, case .threw? = step.answers.last {
                    Issue.record("\(history.execution.name) \(step.name): succeeded on an error answer")
                }
            }
        }
        #expect(tasks > 100)
    }

    @Test func aRetriedTaskIsAnsweredAttemptByAttemptThenNoRecording() throws {
        let timeline = try RecordedHistoriesTests.timeline(named: "test_lambda_invoke_with_retry_base")
        let definition = try ReplayDefinition(
            definition: #"""
                {"StartAt": "InvokeLambdaWithRetry", "States": {
                  "InvokeLambdaWithRetry": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:111111111111:function:f",
                    "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 3, "IntervalSeconds": 3, "BackoffRate": 2}],
                    "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "HandleError"}], "End": true},
                  "HandleError": {"Type": "Pass", "End": true},
                  "Unreached": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "End": true}}}
                """#, pinnable: [])
        let answers = ReplayAnswers(timeline: timeline, definition: definition)
        #expect(answers.recordedCalls("InvokeLambdaWithRetry") == 4)
        #expect(
            answers.byState["InvokeLambdaWithRetry"]?.allSatisfy {
                if case .threw("Exception", _) = $0 { true } else { false }
            } == true)

        let mock = answers.mockConfiguration(machine: "m", testCase: "replay", definition: definition)
        #expect(mock.testCase["replay"]?["InvokeLambdaWithRetry"] == .string("m/InvokeLambdaWithRetry"))
        let responses = Dictionary(mock.responses, uniquingKeysWith: { a, _ in a })
        let retried = try #require(responses["m/InvokeLambdaWithRetry"]?.objectMembers)
        #expect(retried.map(\.0) == ["0", "1", "2", "3", "4-9999"])
        #expect(retried[0].1["Throw"]?["Error"] == .string("Exception"))
        #expect(retried[0].1["Throw"]?["Cause"]?.stringValue?.contains("Some exception was raised.") == true)
        #expect(retried[4].1["Throw"]?["Error"] == .string(ReplayAnswers.noRecording))
        // A Task the original never reached is answered "no recording" from the first call.
        let unreached = try #require(responses["m/Unreached"]?.objectMembers)
        #expect(unreached.map(\.0) == ["0-9999"])
        #expect(unreached[0].1["Throw"]?["Cause"]?.stringValue?.contains("--task Unreached=FILE") == true)
    }

    @Test func mapIterationsAreAnsweredInIndexOrderAndResultsAsInvokeResponses() throws {
        // A Map of three iterations, each one Task; iteration 1's Task failed once and was retried.
        var history = SyntheticHistory().with([
            ("ExecutionStarted", ["input": #"{"items":[1,2,3]}"#]),
            ("MapStateEntered", ["name": "Each", "input": #"{"items":[1,2,3]}"#]),
            ("MapStateStarted", ["length": 3]),
        ])
        for index in 0..<3 {
            history = history.with([
                ("MapIterationStarted", ["name": "Each", "index": index]),
                ("TaskStateEntered", ["name": "Reserve", "input": "\(index)"]),
                ("TaskScheduled", ["resource": "updateItem", "resourceType": "dynamodb"]),
            ])
            if index == 1 {
                history = history.with([
                    ("TaskFailed", ["error": "DynamoDB.ThrottlingException", "cause": "slow down"]),
                    ("TaskScheduled", ["resource": "updateItem", "resourceType": "dynamodb"]),
                ])
            }
            history = history.with([
                ("TaskSucceeded", ["output": #"{"reserved":\#(index)}"#]),
                ("TaskStateExited", ["name": "Reserve", "output": "\(index)"]),
                ("MapIterationSucceeded", ["name": "Each", "index": index]),
            ])
        }
        history = history.with([("MapStateSucceeded", [:]), ("MapStateExited", ["name": "Each", "output": "[0,1,2]"])])
        let timeline = Timeline(events: history.events)
        let definition = try ReplayDefinition(
            definition: #"""
                {"StartAt": "Each", "States": {"Each": {"Type": "Map", "MaxConcurrency": 10, "End": true,
                  "ItemProcessor": {"StartAt": "Reserve", "States": {
                    "Reserve": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:updateItem", "End": true}}}}}}
                """#, pinnable: [])
        let answers = ReplayAnswers(timeline: timeline, definition: definition)
        #expect(
            answers.byState["Reserve"] == [
                .returned(#"{"reserved":0}"#, truncated: false),
                .threw(error: "DynamoDB.ThrottlingException", cause: "slow down"),
                .returned(#"{"reserved":1}"#, truncated: false), .returned(#"{"reserved":2}"#, truncated: false),
            ])
        let responses = answers.mockConfiguration(machine: "m", testCase: "t", definition: definition).responses
        let reserve = try #require(responses.first?.1.objectMembers)
        #expect(reserve.map(\.0) == ["0", "1", "2", "3", "4-9999"])
        // The stand-in is a Lambda resource: a result is its invoke response's payload.
        #expect(reserve[0].1["Return"]?["StatusCode"] == .number("200"))
        #expect(reserve[0].1["Return"]?["Payload"]?["reserved"] == .number("0"))
        #expect(reserve[1].1["Throw"]?["Error"] == .string("DynamoDB.ThrottlingException"))
    }

    @Test func whatIfAnswersAreAResultAReturnOrAThrow() throws {
        #expect(try ReplayWhatIf.answer(parsing: #"{"roll": 10}"#) == .returned(#"{"roll":10}"#, truncated: false))
        #expect(try ReplayWhatIf.answer(parsing: #"{"Return": [1]}"#) == .returned("[1]", truncated: false))
        #expect(
            try ReplayWhatIf.answer(parsing: #"{"Throw": {"Error": "Payment.Declined", "Cause": "no"}}"#)
                == .threw(error: "Payment.Declined", cause: "no"))
        #expect(throws: CoreError.self) { try ReplayWhatIf.answer(parsing: #"{"Throw": {"Cause": "no"}}"#) }
        #expect(throws: CoreError.self) { try ReplayWhatIf.answer(parsing: "not json") }
        let overridden = ReplayWhatIf(tasks: ["A": .returned("1", truncated: false)])
        #expect(!overridden.isEmpty && overridden.lines == ["A answered by the given file"])
    }
}
