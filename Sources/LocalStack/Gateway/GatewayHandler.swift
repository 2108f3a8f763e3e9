import AWSClient
import AWSServices
import Foundation

/// What API Gateway does for the seed's AWS integration, minus the HTTP server: check the API
/// key, turn the JSON body into StartExecution input, and map the outcome onto the integration
/// responses (`200 {"status":"webhook submitted"}` / `500 {"status":"webhook failed"}`).
public struct GatewayHandler: Sendable {
    public struct Reply: Sendable, Equatable {
        public var status: Int
        public var body: String
        public var requestId: String
    }

    public let stack: ProvisionedStack
    public let stepFunctions: StepFunctionsClient
    /// When set, requests need `x-api-key` with this value.
    public let apiKey: String?
    public let makeRequestId: @Sendable () -> String

    public init(
        stack: ProvisionedStack, stepFunctions: StepFunctionsClient, apiKey: String?,
        makeRequestId: @escaping @Sendable () -> String = { UUID().uuidString.lowercased() }
    ) {
        self.stack = stack
        self.stepFunctions = stepFunctions
        self.apiKey = apiKey
        self.makeRequestId = makeRequestId
    }

    /// Handles `POST /main/<resource>`.
    public func handle(resource: String, apiKeyHeader: String?, body: [UInt8]) async -> Reply {
        let requestId = makeRequestId()
        if let apiKey, apiKeyHeader != apiKey {
            return Reply(status: 403, body: #"{"message":"Forbidden"}"#, requestId: requestId)
        }
        guard let machine = stack.machine(forResource: resource) else {
            return Reply(status: 403, body: #"{"message":"Missing Authentication Token"}"#, requestId: requestId)
        }
        let input: JSONValue
        do {
            input = try JSONValue.parse(body.isEmpty ? Array("{}".utf8) : body)
        } catch {
            return Reply(
                status: 400,
                body: JSONValue.object([("message", .string("Could not parse request body into json: \(error)"))])
                    .description,
                requestId: requestId)
        }
        let name = Self.executionName(for: input)
        let inputText = input.description
        do {
            let started = try await stepFunctions.startExecution(
                .init(stateMachineArn: machine.arn, name: name, input: inputText))
            return submitted(arn: started.executionArn, machine: machine, requestId: requestId, duplicate: false)
        } catch let error as AWSServiceError where error.code == "ExecutionAlreadyExists" {
            // StartExecution is idempotent for the same name and input (AWS answers with the
            // existing execution); a different input under a taken name is a failure.
            let arn = machine.executionArn(named: name)
            if let existing = try? await stepFunctions.describeExecution(arn),
                existing.input.map(Self.sameJSON(inputText)) == true
            {
                return submitted(arn: arn, machine: machine, requestId: requestId, duplicate: true)
            }
            return Reply(status: 500, body: #"{"status":"webhook failed"}"#, requestId: requestId)
        } catch {
            return Reply(status: 500, body: #"{"status":"webhook failed"}"#, requestId: requestId)
        }
    }

    private func submitted(arn: String, machine: ProvisionedStack.Machine, requestId: String, duplicate: Bool) -> Reply
    {
        // Express executions have `:express:` ARNs in AWS; moto uses `:execution:` for both.
        let publicArn = machine.isExpress ? arn.replacingOccurrences(of: ":execution:", with: ":express:") : arn
        var members: [(String, JSONValue)] = [
            ("status", .string("webhook submitted")), ("executionArn", .string(publicArn)),
        ]
        if duplicate { members.append(("duplicate", .bool(true))) }
        return Reply(status: 200, body: JSONValue.object(members).description, requestId: requestId)
    }

    /// The order's own `id` when it is a valid execution name (so a re-sent order is recognised),
    /// otherwise a fresh UUID, as AWS generates one.
    static func executionName(for input: JSONValue) -> String {
        if let id = input["id"]?.stringValue, isValidExecutionName(id) { return id }
        return UUID().uuidString.lowercased()
    }

    /// 1–80 characters of letters, digits, `-` and `_` (what logging-enabled machines accept).
    static func isValidExecutionName(_ name: String) -> Bool { ExecutionNameRule.isValid(name) }

    static func sameJSON(_ lhs: String) -> (String) -> Bool {
        { rhs in (try? JSONValue.parse(lhs)) == (try? JSONValue.parse(rhs)) }
    }
}
