import AWSClient
import ArgumentParser
import Foundation
import OrderDeckCore

/// `orderdeck check`: orders and executions that disagree.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Flag orders still PENDING whose execution ended, and executions without an order.",
        discussion: "Exit code 4 when something was found, so cron jobs can alert on it.")

    @OptionGroup var stack: StackOptions

    @Option(help: "table or json.")
    var output: OutputFormat = .table

    func run() async throws {
        try await reportingFailures {
            let session = try await stack.session()
            let orders = try await OrderStore(dynamoDB: session.dynamoDB, tableName: session.config.tableName).load()
                .orders
            var executions: [Execution] = []
            let store = ExecutionStore(session: session)
            for machine in try await session.machines() where !machine.isExpress {
                executions += try await store.list(machine: machine)
            }
            let found = Correlator.mismatches(orders: orders, executions: executions)
            switch output {
            case .json:
                print(
                    JSONValue.array(
                        found.map { mismatch in
                            .object([
                                ("kind", .string(mismatch.kind.rawValue)),
                                ("orderId", JSONOutput.string(mismatch.orderId?.rawValue)),
                                ("executionArn", JSONOutput.string(mismatch.executionArn?.rawValue)),
                                ("executionStatus", JSONOutput.string(mismatch.executionStatus?.rawValue)),
                            ])
                        }
                    ).description)
            case .table:
                if found.isEmpty {
                    print(
                        "no mismatches among \(counted(orders.count, "order")) and \(counted(executions.count, "execution"))"
                    )
                } else {
                    var table = TextTable(headers: ["PROBLEM", "ORDER", "EXECUTION", "STATUS"], maxWidth: 80)
                    for mismatch in found {
                        table.add([
                            mismatch.kind.rawValue, mismatch.orderId?.rawValue ?? "-",
                            mismatch.executionArn?.rawValue ?? "-",
                            mismatch.executionStatus?.rawValue ?? "-",
                        ])
                    }
                    print(table.render())
                }
            }
            if !found.isEmpty { throw ExitStatus.mismatches.exitCode }
        }
    }
}
