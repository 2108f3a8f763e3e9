import AWSClient
import AWSServices
import Foundation

/// Runs one Live Tail session over a tail's groups and reports what happens to it, until the
/// stream ends or the task is cancelled (cancelled: nothing more is reported).
enum LiveTailSession {
    /// StartLiveTail's limit on log group identifiers per session.
    static let maxGroups = 10

    static func run(
        logs: CloudWatchLogsClient, groups: [String], filterPattern: String?,
        report: @Sendable (LiveTailSignal) async -> Void
    ) async {
        do {
            guard groups.count <= maxGroups else { throw LiveTailUnavailable.tooManyGroups(groups.count) }
            let arns = try await groupArns(logs: logs, groups: groups)
            let names = Dictionary(arns.map { ($0.value, $0.key) }, uniquingKeysWith: { first, _ in first })
            let stream = try await logs.startLiveTail(
                .init(logGroupIdentifiers: groups.compactMap { arns[$0] }, logEventFilterPattern: filterPattern))
            var started = false
            for try await event in stream {
                switch event {
                case .sessionStart:
                    started = true
                    await report(.started)
                case .sessionUpdate(let update):
                    // An engine that skips sessionStart has started all the same.
                    if !started {
                        started = true
                        await report(.started)
                    }
                    let events = (update.sessionResults ?? []).map { result in
                        tailed(result, group: result.logGroupIdentifier.flatMap { names[$0] })
                    }
                    await report(.update(events, sampled: update.sessionMetadata?.sampled ?? false))
                }
            }
            await report(.ended(nil))
        } catch is CancellationError {
            return
        } catch {
            if Task.isCancelled { return }
            await report(.ended(error))
        }
    }

    /// Each group's ARN without the `:*` (what StartLiveTail takes), through DescribeLogGroups.
    static func groupArns(logs: CloudWatchLogsClient, groups: [String]) async throws -> [String: String] {
        var arns: [String: String] = [:]
        for group in groups {
            for try await page in logs.describeLogGroups(prefix: group) {
                guard let found = page.first(where: { $0.logGroupName == group }) else { continue }
                let arn = found.logGroupArn ?? found.arn.map { $0.hasSuffix(":*") ? String($0.dropLast(2)) : $0 }
                arns[group] = arn
                break
            }
            guard arns[group] != nil else { throw LiveTailUnavailable.groupNotFound(group) }
        }
        return arns
    }

    /// A pushed event as the tail's lines are; Live Tail events have no id, so one is made of
    /// stream, time and message (what the tail dedupes on in any case).
    static func tailed(_ result: CloudWatchLogs.LiveTailSessionLogEvent, group: String?) -> TailedEvent {
        let stream = result.logStreamName ?? ""
        let timestamp = result.timestamp ?? 0
        let message = result.message ?? ""
        let id = "live/\(stream)/\(timestamp)/\(UInt32(truncatingIfNeeded: message.hashValue))"
        return TailedEvent(
            group: group ?? result.logGroupIdentifier ?? "", stream: stream, eventId: id, timestamp: timestamp,
            message: message,
            record: VendedLogEvent(message: message, logStreamName: stream, eventId: id, fallbackTimestamp: timestamp))
    }
}

/// Why Live Tail is not tried for a tail's groups, before any request.
enum LiveTailUnavailable: Error, CustomStringConvertible {
    case tooManyGroups(Int)
    case groupNotFound(String)

    var description: String {
        switch self {
        case .tooManyGroups(let count): "\(count) log groups, more than Live Tail's \(LiveTailSession.maxGroups)"
        case .groupNotFound(let group): "log group \(group) not found for Live Tail"
        }
    }
}
