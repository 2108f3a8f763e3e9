import AWSClient
import Foundation

/// One order sent (or about to be sent) to the API endpoint, as the journal remembers it.
public struct Submission: Sendable, Codable, Hashable, Identifiable {
    public enum State: String, Sendable, Codable, Hashable {
        /// Journaled, not yet answered. Seen from a later process: the outcome is unknown.
        case pending
        /// The API answered (any status).
        case answered
        /// No answer: network failure, refused connection, timeout.
        case failed
    }

    public var id: String
    public var orderId: String
    public var stack: String
    /// Where it was sent: the API's URL, the queue's URL, or the state machine's ARN (`via`).
    public var url: String
    /// The door it went through; nil in records written before there was a choice (the API).
    public var via: FrontDoor?
    /// The order JSON exactly as sent.
    public var body: String
    public var createdAt: Date
    public var state: State
    public var attempts: Int
    public var status: Int?
    public var responseBody: String?
    public var requestId: String?
    public var executionArn: String?
    public var executionStatus: ExecutionStatus?
    public var error: String?
    public var updatedAt: Date?
    /// Journaled against an earlier incarnation of its stack (the stack's API is elsewhere now):
    /// worked out when read (`markingEarlierStack`), never written to the journal.
    public var fromEarlierStack = false

    enum CodingKeys: String, CodingKey {
        case id, orderId, stack, url, body, createdAt, state, attempts, status, responseBody, requestId
        case executionArn, executionStatus, error, updatedAt, via
    }

    /// The door it went through (records from before the choice went through the API).
    public var door: FrontDoor { via ?? .api }

    public init(
        id: String, orderId: String, stack: String, url: String, body: String, createdAt: Date, state: State,
        attempts: Int,
        status: Int? = nil, responseBody: String? = nil, requestId: String? = nil, executionArn: String? = nil,
        executionStatus: ExecutionStatus? = nil, error: String? = nil, updatedAt: Date? = nil, via: FrontDoor? = nil
    ) {
        self.id = id
        self.orderId = orderId
        self.stack = stack
        self.url = url
        self.body = body
        self.createdAt = createdAt
        self.state = state
        self.attempts = attempts
        self.status = status
        self.responseBody = responseBody
        self.requestId = requestId
        self.executionArn = executionArn
        self.executionStatus = executionStatus
        self.error = error
        self.updatedAt = updatedAt
        self.via = via
    }

    /// Times it was sent again after the first (`R`, `submissions --resend`), with the same order id.
    public var resends: Int { max(0, attempts - 1) }

    /// The API accepted it (2xx).
    public var isAccepted: Bool { state == .answered && (200..<300).contains(status ?? 0) }

    /// The gateway answered that this order's execution was already started with the same input
    /// (`"duplicate": true`): accepted, but no new execution ran.
    public var isDuplicate: Bool {
        isAccepted && responseBody.flatMap({ try? JSONValue.parse($0) })?["duplicate"] == .bool(true)
    }

    /// The label of this send in the one sequence an operator reads: nothing for the first send,
    /// `re-send #1` for the second, and so on (the confirmation asks for the next one by the same
    /// number).
    public var sendLabel: String? { resends > 0 ? "re-send #\(resends)" : nil }

    /// The list marked: entries of `stack` journaled against another API url than `currentURL`
    /// come from an earlier incarnation of the stack (a local stack started again on new ports).
    public static func markingEarlierStack(_ list: [Submission], stack: String, currentURL: String?) -> [Submission] {
        guard let currentURL else { return list }
        return list.map { submission in
            var marked = submission
            // Only the API's address moves with a restart; a queue or machine is named, not placed.
            marked.fromEarlierStack =
                submission.stack == stack && submission.door == .api && submission.url != currentURL
            return marked
        }
    }

    /// What an operator sees in the list.
    public func outcome(inProcess: Bool) -> String {
        // A re-send says so first: it is the same order again, not a new one.
        let label = sendLabel.map { "\($0): " } ?? ""
        switch state {
        case .pending: return label + (inProcess ? "sending" : "unknown outcome")
        case .failed: return label + "failed: \(error ?? "no answer")"
        case .answered:
            var text = label + "\(status ?? 0)"
            if let body = responseBody.flatMap({ try? JSONValue.parse($0) })?["status"]?.stringValue {
                text += " \(body)"
            }
            if isDuplicate { text += " — duplicate: no new execution" }
            if let executionStatus { text += " → \(executionStatus)" }
            return text
        }
    }
}
