import Foundation

/// What a Lambda function printed while one Task state ran: its own log group
/// (`/aws/lambda/<name>`) between the state's entry and exit, with a little slack either side for
/// the clocks of two services. "What did ProcessPayment print?" is then one key from the state.
public struct FunctionLogWindow: Sendable, Hashable {
    public var function: String
    public var state: String
    public var start: Date
    public var end: Date

    public var group: String { "/aws/lambda/\(function)" }

    /// Slack before the state was entered and after it left.
    public static let slack: TimeInterval = 2

    public init(function: String, state: String, start: Date, end: Date) {
        self.function = function
        self.state = state
        self.start = start
        self.end = end
    }

    /// The window of a Task state that invoked a function (nil for any other state); a state
    /// still running reads up to `now`.
    public init?(step: Timeline.Step, now: Date) {
        guard let function = step.function else { return nil }
        self.init(
            function: function, state: step.name, start: step.entered.addingTimeInterval(-Self.slack),
            end: (step.exited ?? now).addingTimeInterval(Self.slack))
    }

    /// Epoch milliseconds, as FilterLogEvents takes them.
    public var startMilliseconds: Int64 { Int64((start.timeIntervalSince1970 * 1000).rounded(.down)) }
    public var endMilliseconds: Int64 { Int64((end.timeIntervalSince1970 * 1000).rounded(.up)) }
}
