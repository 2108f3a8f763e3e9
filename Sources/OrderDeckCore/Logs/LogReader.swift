import AWSClient
import AWSServices
import Foundation

/// Reads CloudWatch Logs events within the shared rate budget, every page.
public struct LogReader: Sendable {
    public let logs: CloudWatchLogsClient
    public let budget: RateBudget

    public init(logs: CloudWatchLogsClient, budget: RateBudget) {
        self.logs = logs
        self.budget = budget
    }

    /// Every event of `group` from `start` (to `end`; epoch ms), optionally server-side filtered.
    public func events(
        group: String, start: Int64? = nil, end: Int64? = nil, filterPattern: String? = nil
    ) async throws -> [CloudWatchLogs.FilteredLogEvent] {
        var all: [CloudWatchLogs.FilteredLogEvent] = []
        var token: String?
        var seenTokens = Set<String>()
        repeat {
            try await budget.acquire()
            let output: CloudWatchLogs.FilterLogEventsOutput
            do {
                output = try await logs.filterLogEvents(
                    .init(
                        logGroupName: group, startTime: start, endTime: end, filterPattern: filterPattern,
                        nextToken: token, interleaved: true))
            } catch let error as AWSServiceError where error.isThrottling {
                await budget.backOff(for: .seconds(2))
                throw error
            }
            all.append(contentsOf: output.events ?? [])
            token = output.nextToken
            if let next = token, !seenTokens.insert(next).inserted { break }
        } while token != nil
        return all
    }

    /// The Step Functions records among a group's events (other lines are skipped).
    public func records(group: String, start: Int64? = nil, filterPattern: String? = nil) async throws
        -> [VendedLogEvent]
    {
        try await events(group: group, start: start, filterPattern: filterPattern).compactMap {
            try? VendedLogEvent(filtered: $0)
        }
    }
}
