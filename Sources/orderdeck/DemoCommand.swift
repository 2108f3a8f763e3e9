import ArgumentParser
import Foundation
import LocalStack
import OrderDeckCore

/// `orderdeck demo`: the first thing a new operator runs. Brings the local stack up, fills it with
/// orders in every state, and shows what is there.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Start the local stack, seed it with orders, and show it (no AWS account needed).")

    @Option(help: "How many orders to seed (skipped when the stack already holds orders).")
    var orders: Int = LocalCommand.demoOrders

    @Flag(help: "Print the summary instead of opening the dashboard (the default when not on a terminal).")
    var noDashboard = false

    @Flag(
        help:
            "The seeds' systems as written, on MiniStack: Lambda functions, the SQS front door, the webhook (see 'local up --seeds')."
    )
    var seeds = false

    func run() async throws {
        try await reportingFailures {
            let (record, alreadyRunning) = try await LocalCommand.controller.up(engine: seeds ? .ministack : .moto)
            let summary = StackSummary(record: record)
            if alreadyRunning { LocalCommand.note("the local stack is already running") }
            let existing = try await summary.orderCount()
            if existing > 0 && orders > 0 {
                // Said, not silently skipped: the operator asked for orders and sees why none came.
                LocalCommand.note(
                    "not seeding: the stack already holds \(counted(existing, "order")) ('orderdeck local seed --orders \(orders)' adds more)"
                )
            } else if existing == 0 && orders > 0 {
                LocalCommand.note(
                    "seeding \(counted(orders, "order")) "
                        + (record.engineKind == .ministack
                            ? "through the SQS queue and StartExecution in turn, webhooks through the local gateway"
                            : "through the local API gateway"))
                let outcome = try await Seeder(record: record, progress: { LocalCommand.note($0) }).seed(orders: orders)
                for line in outcome.stuck { LocalCommand.note("still RUNNING: \(line)") }
            }
            if !noDashboard, isatty(1) == 1, isatty(0) == 1 {
                LocalCommand.note(
                    "opening the dashboard (q quits, ? lists the keys; 'orderdeck local down' stops the stack)")
                try await DashboardCommand.open(
                    session: StackSession(
                        config: LocalStackConfig.make(record), client: try LocalStackConfig.make(record).makeClient()),
                    readonly: false, profile: nil)
                return
            }
            print(summary.text)
            print(try await summary.contents())
            print(
                """

                Next: 'orderdeck local seed --orders 20' for more traffic, 'orderdeck local down' to stop.
                The AWS CLI works against it too:
                  AWS_ENDPOINT_URL=\(record.moto.endpoint) AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local \\
                    aws --region \(record.stack.region) stepfunctions list-state-machines
                """)
        }
    }
}
