import AWSClient
import Foundation

/// CloudWatch metrics (query protocol, XML answers): the `AWS/States` execution metrics the
/// Overview charts, and PutMetricData for the local stack's companion, which publishes what
/// Step Functions would.
public struct CloudWatchClient: Sendable {
    public let client: AWSClient

    public init(client: AWSClient) { self.client = client }

    public struct Datum: Sendable, Equatable {
        public var name: String
        public var dimensions: [(String, String)]
        public var value: Double
        public var unit: String
        public var timestamp: Date

        public init(name: String, dimensions: [(String, String)], value: Double, unit: String, timestamp: Date) {
            self.name = name
            self.dimensions = dimensions
            self.value = value
            self.unit = unit
            self.timestamp = timestamp
        }

        public static func == (lhs: Datum, rhs: Datum) -> Bool {
            lhs.name == rhs.name && lhs.dimensions.map { "\($0)=\($1)" } == rhs.dimensions.map { "\($0)=\($1)" }
                && lhs.value == rhs.value && lhs.unit == rhs.unit && lhs.timestamp == rhs.timestamp
        }
    }

    /// PutMetricData, up to 1,000 data a call (AWS's limit).
    public func putMetricData(namespace: String, _ data: [Datum]) async throws {
        for chunk in stride(from: 0, to: data.count, by: 1000).map({ Array(data[$0..<min(data.count, $0 + 1000)]) }) {
            var query: [(String, String)] = [("Namespace", namespace)]
            for (index, datum) in chunk.enumerated() {
                let prefix = "MetricData.member.\(index + 1)"
                query.append(("\(prefix).MetricName", datum.name))
                query.append(("\(prefix).Value", String(datum.value)))
                query.append(("\(prefix).Unit", datum.unit))
                query.append(("\(prefix).Timestamp", ISO8601.formatMilliseconds(datum.timestamp)))
                for (position, dimension) in datum.dimensions.enumerated() {
                    query.append(("\(prefix).Dimensions.member.\(position + 1).Name", dimension.0))
                    query.append(("\(prefix).Dimensions.member.\(position + 1).Value", dimension.1))
                }
            }
            _ = try await client.query(.cloudWatch, "PutMetricData", query)
        }
    }

    /// One metric to read: its id in the answer, name, dimensions and statistic.
    public struct Query: Sendable {
        public var id: String
        public var namespace: String
        public var name: String
        public var dimensions: [(String, String)]
        public var statistic: String

        public init(id: String, namespace: String, name: String, dimensions: [(String, String)], statistic: String) {
            self.id = id
            self.namespace = namespace
            self.name = name
            self.dimensions = dimensions
            self.statistic = statistic
        }
    }

    /// GetMetricData: each query's (timestamp, value) points, oldest first, all pages.
    public func getMetricData(_ queries: [Query], start: Date, end: Date, period: Int) async throws -> [String: [(
        Date, Double
    )]] {
        var result: [String: [(Date, Double)]] = [:]
        var token: String?
        repeat {
            var parameters: [(String, String)] = [
                ("StartTime", ISO8601.formatMilliseconds(start)), ("EndTime", ISO8601.formatMilliseconds(end)),
                ("ScanBy", "TimestampAscending"),
            ]
            for (index, query) in queries.enumerated() {
                let prefix = "MetricDataQueries.member.\(index + 1)"
                parameters.append(("\(prefix).Id", query.id))
                parameters.append(("\(prefix).MetricStat.Metric.Namespace", query.namespace))
                parameters.append(("\(prefix).MetricStat.Metric.MetricName", query.name))
                for (position, dimension) in query.dimensions.enumerated() {
                    parameters.append(
                        ("\(prefix).MetricStat.Metric.Dimensions.member.\(position + 1).Name", dimension.0))
                    parameters.append(
                        ("\(prefix).MetricStat.Metric.Dimensions.member.\(position + 1).Value", dimension.1))
                }
                parameters.append(("\(prefix).MetricStat.Period", String(period)))
                parameters.append(("\(prefix).MetricStat.Stat", query.statistic))
            }
            if let token { parameters.append(("NextToken", token)) }
            let answer = try await client.query(.cloudWatch, "GetMetricData", parameters)
            for member in answer.child("MetricDataResults")?.children("member") ?? [] {
                guard let id = member.string("Id") else { continue }
                let times = (member.child("Timestamps")?.children("member") ?? []).compactMap { ISO8601.parse($0.text) }
                let values = (member.child("Values")?.children("member") ?? []).compactMap { Double($0.text) }
                result[id, default: []] += zip(times, values).map { ($0, $1) }
            }
            token = answer.string("NextToken")
        } while token != nil
        return result.mapValues { $0.sorted { $0.0 < $1.0 } }
    }
}
