import AWSServices
import Foundation

/// Reads the `AWS/States` execution metrics of the stack's machines for the last hour, per
/// minute (GetMetricData, Sum, one query per machine and metric, one call).
public struct StatesMetricsReader: Sendable {
    public let session: StackSession

    public init(session: StackSession) { self.session = session }

    public func read(machines: [MachineInfo], now: Date) async throws -> StatesMetrics {
        var queries: [CloudWatchClient.Query] = []
        var names: [String: String] = [:]
        for (machineIndex, machine) in machines.enumerated() {
            for (metricIndex, name) in (StatesMetrics.names + ["ExecutionTime"]).enumerated() {
                let id = "m\(machineIndex)_\(metricIndex)"
                names[id] = name
                queries.append(
                    .init(
                        id: id, namespace: "AWS/States", name: name, dimensions: [("StateMachineArn", machine.arn)],
                        statistic: name == "ExecutionTime" ? "Average" : "Sum"))
            }
        }
        var metrics = StatesMetrics(points: [])
        guard !queries.isEmpty else { return metrics }
        let start = OverviewFigures.minuteStart(now.addingTimeInterval(-3600))
        // GetMetricData takes at most 500 queries a call.
        for chunk in stride(from: 0, to: queries.count, by: 500).map({
            Array(queries[$0..<min(queries.count, $0 + 500)])
        }) {
            let results = try await session.cloudWatch.getMetricData(
                chunk, start: start, end: now.addingTimeInterval(60), period: 60)
            for (id, values) in results {
                if let name = names[id] { metrics.add(name, values: values) }
            }
        }
        return metrics
    }
}
