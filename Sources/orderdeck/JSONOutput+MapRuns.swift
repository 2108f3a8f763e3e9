import AWSClient
import Foundation
import OrderDeckCore

extension JSONOutput {
    /// A Map Run as DescribeMapRun says it (the API's member names), with its `name`.
    static func mapRun(_ run: MapRun) -> JSONValue {
        .object([
            ("mapRunArn", .string(run.arn)), ("name", .string(run.name)),
            ("executionArn", .string(run.executionArn.rawValue)),
            ("status", .string(run.status.rawValue)), ("startDate", date(run.startDate)),
            ("stopDate", date(run.stopDate)), ("durationMs", milliseconds(run.elapsed(now: Date()))),
            ("maxConcurrency", number(run.maxConcurrency)),
            ("toleratedFailureCount", number(run.toleratedFailureCount)),
            ("toleratedFailurePercentage", decimal(run.toleratedFailurePercentage)),
            ("itemCounts", counts(run.itemCounts)), ("executionCounts", counts(run.executionCounts)),
            ("redriveCount", number(run.redriveCount)), ("redriveDate", date(run.redriveDate)),
        ])
    }

    static func counts(_ counts: MapRun.Counts) -> JSONValue {
        .object([
            ("total", number(counts.total)), ("succeeded", number(counts.succeeded)),
            ("failed", number(counts.failed)), ("running", number(counts.running)),
            ("pending", number(counts.pending)), ("timedOut", number(counts.timedOut)),
            ("aborted", number(counts.aborted)), ("resultsWritten", number(counts.resultsWritten)),
            ("failuresNotRedrivable", counts.failuresNotRedrivable.map(number) ?? .null),
            ("pendingRedrive", counts.pendingRedrive.map(number) ?? .null),
        ])
    }

    /// `history --map-run`: one execution and its Map Runs.
    static func mapRuns(of executionArn: String, _ runs: [MapRun]) -> JSONValue {
        .object([("executionArn", .string(executionArn)), ("mapRuns", .array(runs.map(mapRun)))])
    }

    static func decimal(_ value: Double) -> JSONValue {
        value == value.rounded() && abs(value) < 1e15 ? .number(String(Int(value))) : .number(String(value))
    }
}
