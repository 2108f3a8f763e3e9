import AWSClient
import ArgumentParser
import Foundation
import OrderDeckCore

/// `orderdeck discover`: what of the order pipeline is deployed in this account and region.
struct DiscoverCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "discover",
        abstract: "Find the order pipeline in an account and region (table, state machines, log groups, API).")

    @OptionGroup var aws: AWSOptions

    func run() async throws {
        try await reportingFailures {
            let configuration = try aws.resolve()
            let found = try await PipelineDiscovery(client: configuration.makeClient()).discover()
            for line in Self.describe(found) { print(line) }
        }
    }

    static func describe(_ found: PipelineDiscovery.Found) -> [String] {
        var lines = ["table:           \(found.table)"]
        if !found.otherTables.isEmpty {
            lines.append("                 (also keyed user_id + id: \(found.otherTables.joined(separator: ", ")))")
        }
        for (index, machine) in found.machines.enumerated() {
            let label = index == 0 ? "state machines:  " : "                 "
            lines.append("\(label)\(machine.name) (\(machine.type), logs \(machine.logGroup ?? "nowhere"))")
        }
        lines.append("submit URL:      \(found.apiURL ?? "-")")
        if let queue = found.queueURL { lines.append("order queue:     \(queue)") }
        for note in found.notes { lines.append("note: \(note)") }
        return lines
    }
}
