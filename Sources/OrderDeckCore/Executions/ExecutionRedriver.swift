import AWSClient
import AWSServices
import Foundation

/// Redrives a Standard execution that ended badly (RedriveExecution: it runs again from the
/// states that did not succeed, under the same ARN), after the checks that say beforehand why it
/// would be refused: not on a read-only stack, not an Express execution, not one still running or
/// that succeeded, not one Step Functions marks NOT_REDRIVABLE (its reason said), and not on the
/// local stack, whose engine does not implement the call.
public struct ExecutionRedriver: Sendable {
    public let session: StackSession
    let makeToken: @Sendable () -> String

    public init(session: StackSession, makeToken: @escaping @Sendable () -> String = { UUID().uuidString }) {
        self.session = session
        self.makeToken = makeToken
    }

    /// What DescribeExecution says about an execution's redrive: its status and redrive record.
    public struct Standing: Sendable, Equatable {
        public var status: ExecutionStatus
        public var redrive: ExecutionRedrive

        public init(status: ExecutionStatus, redrive: ExecutionRedrive) {
            self.status = status
            self.redrive = redrive
        }

        public init(_ described: StepFunctions.DescribeExecutionOutput) {
            self.init(status: ExecutionStatus(rawValue: described.status), redrive: ExecutionRedrive(described))
        }

        /// What an execution already read says (the dashboard's); its redrive status may be unknown.
        public init(_ execution: Execution) {
            self.init(status: execution.status, redrive: execution.redrive)
        }
    }

    /// What a redrive did.
    public struct Redriven: Sendable, Equatable {
        public var arn: ExecutionARN
        public var redriveDate: Date
        /// The execution's redrive count before this one (this is redrive number `before + 1`).
        public var before: Standing

        public init(arn: ExecutionARN, redriveDate: Date, before: Standing) {
            self.arn = arn
            self.redriveDate = redriveDate
            self.before = before
        }
    }

    /// Why RedriveExecution would refuse this execution, or nil: the one wording for the CLI and
    /// the dashboard. `standing` nil: only what the ARN and the stack tell.
    public static func refusal(_ arn: ExecutionARN, standing: Standing?, localStack: Bool) -> String? {
        if arn.isExpress {
            return
                "\(arn.name) is an Express execution: RedriveExecution takes Standard executions only — re-run the order as a new one"
        }
        // What the execution's own state rules out comes first: it holds on any engine.
        if let standing {
            switch standing.status {
            case .failed, .timedOut, .aborted: break
            case .running, .pendingRedrive: return "\(arn.name) is \(standing.status): it has not ended"
            default:
                return
                    "\(arn.name) is \(standing.status): only a FAILED, TIMED_OUT or ABORTED execution can be redriven"
            }
        }
        if localStack {
            return
                "the local stack's engines (moto, MiniStack) do not implement RedriveExecution — re-run the order as a new one, or redrive on AWS"
        }
        switch standing?.redrive.status {
        case .notRedrivable:
            return
                "\(arn.name) cannot be redriven: \(standing?.redrive.reason ?? "Step Functions gives no reason")"
        case .redrivableByMapRun:
            return
                "\(arn.name) is redriven through its Map Run (\(standing?.redrive.reason ?? "a Distributed Map's child execution"))"
        default: return nil
        }
    }

    /// The execution's redrive standing, and why a redrive would be refused (nil: it would go).
    /// An Express execution is not described (DescribeExecution does not take them).
    public func check(_ arn: ExecutionARN) async throws -> (standing: Standing?, refusal: String?) {
        if arn.isExpress { return (nil, Self.refusal(arn, standing: nil, localStack: false)) }
        let standing = Standing(try await session.stepFunctions.describeExecution(arn.rawValue))
        return (standing, Self.refusal(arn, standing: standing, localStack: session.config.isLocal))
    }

    /// Whether a refusal is the place's (Express, or an engine without the call) rather than the
    /// execution's state: the CLI says the first is bad usage, the second a failed operation.
    public static func refusedHere(_ arn: ExecutionARN, standing: Standing?, localStack: Bool) -> Bool {
        arn.isExpress || (localStack && refusal(arn, standing: standing, localStack: false) == nil)
    }

    /// Redrives it; refused with the reason `check` gives.
    /// `checked`: the standing a `check` just read (the CLI's), so it is not described twice.
    public func redrive(_ arn: ExecutionARN, checked: Standing? = nil) async throws -> Redriven {
        if session.config.readOnly { throw CoreError.readOnly("redriving executions") }
        let standing: Standing?
        let refusal: String?
        if let checked {
            (standing, refusal) = (checked, Self.refusal(arn, standing: checked, localStack: session.config.isLocal))
        } else {
            (standing, refusal) = try await check(arn)
        }
        if let refusal { throw CoreError.invalidInput(refusal) }
        guard let standing else { throw CoreError.invalidInput("\(arn.name) could not be described") }
        // One token for every attempt of this request: a retry after a lost answer is the same
        // redrive, not a second one.
        let answer = try await session.stepFunctions.redriveExecution(
            .init(executionArn: arn.rawValue, clientToken: makeToken()))
        return Redriven(arn: arn, redriveDate: answer.redriveDate, before: standing)
    }
}
