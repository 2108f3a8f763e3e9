import AWSClient
import AWSServices
import Foundation

/// Sends orders through one of the stack's front doors (`FrontDoor`): journal first, then send,
/// then journal the answer and the execution it started.
public struct Submitter: Sendable {
    public let session: StackSession
    public let journal: SubmissionJournal
    public let environment: [String: String]
    /// When a submission was journaled and answered, and how long to wait for its execution.
    public let clock: any AppClock

    public init(
        session: StackSession, journal: SubmissionJournal,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        clock: any AppClock = SystemClock()
    ) {
        self.session = session
        self.journal = journal
        self.environment = environment
        self.clock = clock
    }

    /// Journals the order, then sends it through `door` (the stack's preferred one when nil).
    public func submit(_ order: JSONValue, via door: FrontDoor? = nil) async throws -> Submission {
        let door = door ?? FrontDoor.preferred(in: session.config)
        if let reason = door.unavailableReason(in: session.config) {
            let doors = FrontDoor.available(in: session.config).map(\.rawValue).joined(separator: ", ")
            throw CoreError.notFound("\(reason); it takes orders through: \(doors) (--via)")
        }
        if session.config.readOnly { throw CoreError.readOnly("submitting orders") }
        // Through the queue the order's id is the message's id, given by SQS when it is sent.
        let named = !door.assignsTheOrderId
        if named { try Self.checkOrderId(order["id"]?.stringValue) }
        try Self.checkUserId(order[OrderTableSchema.partitionKey])
        let submission = Submission(
            id: UUID().uuidString.lowercased(), orderId: named ? order["id"]?.stringValue ?? "" : "",
            stack: session.config.name, url: try await address(of: door),
            body: order.description, createdAt: clock.now(), state: .pending, attempts: 0, via: door)
        return try await send(submission)
    }

    /// Where a door sends: the API's URL, the queue's URL, the Standard machine's ARN.
    func address(of door: FrontDoor) async throws -> String {
        switch door {
        case .api: return session.config.api?.url ?? ""
        case .appsync: return session.config.graphQL?.url ?? ""
        case .queue: return session.config.queueURL ?? ""
        case .execution:
            guard let machine = try await session.machines().first(where: { !$0.isExpress }) else {
                throw CoreError.notFound("stack \(session.config.name) has no Standard state machine to start")
            }
            return machine.arn
        }
    }

    /// The gateway names the execution after the order's id, and only that name lets a re-send be
    /// recognised: an id that cannot be an execution name would be run under a random name, and
    /// run again on every re-send. Refused before anything is journaled or sent.
    static func checkOrderId(_ id: String?) throws {
        guard let id else {
            throw CoreError.invalidInput(
                "the order has no \"id\": it names the execution, so a re-send can be recognised (\(ExecutionNameRule.allowed))"
            )
        }
        if let problem = ExecutionNameRule.problem(with: id) {
            throw CoreError.invalidInput(
                "order id \"\(id)\" cannot be an execution name: \(problem) (allowed: \(ExecutionNameRule.allowed))")
        }
    }

    /// The table's partition key: the workflow's first state writes the order under it, so an
    /// order without one starts an execution that can only fail (found by a new operator).
    static func checkUserId(_ value: JSONValue?) throws {
        let key = OrderTableSchema.partitionKey
        guard let value else {
            throw CoreError.invalidInput(
                "the order has no \"\(key)\": the orders table's key, so the workflow could not write it")
        }
        guard let text = value.stringValue, !text.isEmpty else {
            throw CoreError.invalidInput(
                "the order's \"\(key)\" must be a non-empty string (the orders table's key), not \(value)")
        }
    }

    /// Sends a journaled submission again, with the same order id (so an order the API already
    /// accepted is recognised as a duplicate instead of being run twice). It goes to the stack's
    /// endpoint as configured now — a local stack restarted on new ports has a new address — and
    /// the result's `url` says where it went (compare with the journaled one to say it changed).
    public func resend(id: String) async throws -> Submission {
        let journaled = try await journal.all()
        guard
            var submission = journaled.first(where: { $0.id == id || $0.id.hasPrefix(id) })
                ?? journaled.first(where: { $0.orderId == id })
        else {
            throw CoreError.notFound(
                "no submission or order \(id) in the journal ('orderdeck submissions' lists them: the SUBMISSION or ORDER column)"
            )
        }
        if submission.door == .api, let current = session.config.api?.url, submission.stack == session.config.name {
            submission.url = current
        }
        if submission.door.assignsTheOrderId, submission.isAccepted {
            // The queue names the order after the message: sending again would be a second order.
            throw CoreError.invalidInput(
                "submission \(submission.id.prefix(8)) went through the queue and was accepted as order \(submission.orderId): sending it again would make a second order (SQS gives each message a new id)"
            )
        }
        return try await send(submission)
    }

    private func send(_ original: Submission) async throws -> Submission {
        var submission = original
        submission.state = .pending
        submission.attempts += 1
        submission.updatedAt = clock.now()
        try await journal.record(submission)
        do {
            switch submission.door {
            case .api:
                try await postToAPI(&submission)
            case .appsync:
                try await sendThroughAppSync(&submission)
            case .queue:
                try await sendThroughQueue(&submission)
            case .execution:
                try await startExecution(&submission)
            }
        } catch is CancellationError {
            throw CancellationError()
        } catch let error as AWSServiceError {
            // The service answered: a refusal, journaled with its status like the API's.
            submission.state = .answered
            submission.status = error.statusCode
            submission.responseBody =
                JSONValue.object([("status", .string(error.code)), ("message", .string(error.message))]).description
            submission.requestId = error.requestId
        } catch {
            submission.state = .failed
            submission.error = String(describing: error)
        }
        submission.updatedAt = clock.now()
        try await journal.record(submission)
        return submission
    }

    /// POST to the API endpoint; the execution's ARN from the answer, or named after the order.
    private func postToAPI(_ submission: inout Submission) async throws {
        guard let authorization = apiAuthorization() else {
            submission.state = .failed
            submission.error = "no API key: set \(session.config.api?.apiKeyEnvironment ?? "api_key_env")"
            return
        }
        let result = try await APIInvoker(client: session.client).post(
            url: submission.url, body: Array(submission.body.utf8), authorization: authorization)
        submission.state = .answered
        submission.status = result.status
        submission.responseBody = String(result.body.prefix(4096))
        submission.requestId = result.requestId
        submission.executionArn = (try? JSONValue.parse(result.body))?["executionArn"]?.stringValue
        if submission.executionArn == nil, (200..<300).contains(result.status) {
            submission.executionArn = try? await derivedExecutionArn(orderId: submission.orderId)
        }
    }

    /// The API's authorization, or nil when its key is missing.
    private func apiAuthorization() -> APIInvoker.Authorization? {
        switch session.config.api?.auth ?? .none {
        case .none: return APIInvoker.Authorization.none
        case .iam: return .iam
        case .apiKey:
            guard
                let key = session.config.api?.apiKey
                    ?? session.config.api?.apiKeyEnvironment.flatMap({ environment[$0] })
            else { return nil }
            SecretRedaction.register(key)
            return .apiKey(key)
        }
    }

    /// The `postOrder` mutation with the order as its AWSJSON input; it answers the SQS message
    /// id, which is the order's id. GraphQL errors come with 200: said as the send's failure.
    private func sendThroughAppSync(_ submission: inout Submission) async throws {
        let graphQL = session.config.graphQL
        guard let key = graphQL?.apiKey ?? graphQL?.apiKeyEnvironment.flatMap({ environment[$0] }) else {
            submission.state = .failed
            submission.error = "no AppSync API key: set \(graphQL?.apiKeyEnvironment ?? "appsync_api_key_env")"
            return
        }
        SecretRedaction.register(key)
        let result = try await APIInvoker(client: session.client).post(
            url: submission.url, body: PostOrderMutation.body(order: submission.body), authorization: .apiKey(key))
        submission.responseBody = String(result.body.prefix(4096))
        submission.requestId = result.requestId
        let answer = try? JSONValue.parse(result.body)
        guard (200..<300).contains(result.status), let messageId = PostOrderMutation.messageId(in: result.body) else {
            if (200..<300).contains(result.status) {
                submission.state = .failed
                submission.error = "AppSync: " + Self.graphQLError(answer)
            } else {
                submission.state = .answered
                submission.status = result.status
            }
            return
        }
        submission.state = .answered
        submission.status = result.status
        submission.orderId = messageId
        submission.executionArn = try? await derivedExecutionArn(orderId: messageId)
    }

    /// The first GraphQL error's type and message.
    static func graphQLError(_ answer: JSONValue?) -> String {
        guard case .array(let errors)? = answer?["errors"], let first = errors.first else {
            return "no message id in the answer"
        }
        return [first["errorType"]?.stringValue, first["message"]?.stringValue].compactMap { $0 }.joined(
            separator: ": ")
    }

    /// SendMessage in the `input` wrapper the consumer expects (what the AppSync mutation sends);
    /// the message id is the order's id and its execution's name.
    private func sendThroughQueue(_ submission: inout Submission) async throws {
        let order = try JSONValue.parse(submission.body)
        let body = JSONValue.object([("input", order)]).description
        let messageId = try await SQSClient(client: session.client).sendMessage(queueUrl: submission.url, body: body)
        submission.state = .answered
        submission.status = 200
        submission.orderId = messageId
        submission.responseBody = JSONValue.object([("MessageId", .string(messageId))]).description
        submission.executionArn = try? await derivedExecutionArn(orderId: messageId)
    }

    /// StartExecution on the Standard machine, named after the order (so a re-send with the same
    /// input is the same execution, as through the API).
    private func startExecution(_ submission: inout Submission) async throws {
        let started = try await StepFunctionsClient(client: session.client).startExecution(
            .init(stateMachineArn: submission.url, name: submission.orderId, input: submission.body))
        submission.state = .answered
        submission.status = 200
        submission.executionArn = started.executionArn
        submission.responseBody = JSONValue.object([("executionArn", .string(started.executionArn))]).description
    }

    /// When the API does not return the ARN: the workflow names executions after the order id.
    func derivedExecutionArn(orderId: String) async throws -> String? {
        guard !orderId.isEmpty, let machine = try await session.machines().first(where: { !$0.isExpress }) else {
            return nil
        }
        return ExecutionARN.standard(machineArn: machine.arn, name: orderId).rawValue
    }

    /// Waits for the execution to end and journals its final status.
    public func waitForCompletion(
        _ submission: Submission, timeout: Duration = .seconds(300), poll: Duration = .milliseconds(500)
    ) async throws -> Submission {
        guard let arn = submission.executionArn else {
            throw CoreError.notFound("the API did not say which execution it started, and none could be derived")
        }
        let store = ExecutionStore(session: session, clock: clock)
        let deadline = clock.now().addingTimeInterval(timeout.seconds)
        var result = submission
        while clock.now() < deadline {
            if let detail = try? await store.detail(arn: arn), detail.execution.status != .running {
                result.executionStatus = detail.execution.status
                result.updatedAt = clock.now()
                try await journal.record(result)
                return result
            }
            try await clock.sleep(for: poll)
        }
        throw CoreError.notFound("\(arn) still RUNNING after \(Int(timeout.seconds)) s")
    }
}
