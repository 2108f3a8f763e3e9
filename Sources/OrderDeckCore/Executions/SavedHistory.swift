import AWSClient
import AWSServices
import Foundation

/// An execution history saved to a file — `aws stepfunctions get-execution-history` output
/// (`{"events": [...]}`), or JSON lines of such objects (each may carry `execution_arn`/`executionArn`)
/// — so `orderdeck history --file` renders what someone recorded elsewhere, without the account.
public struct SavedHistory: Sendable {
    public var execution: Execution
    public var events: [ExecutionEvent]

    public struct Malformed: Error, CustomStringConvertible {
        public var line: Int
        public var reason: String
        public var description: String { "line \(line): \(reason)" }
    }

    /// One object, or one object a line.
    public static func parse(_ data: Data) throws -> [SavedHistory] {
        let text = String(decoding: data, as: UTF8.self)
        if let whole = try? parseObject(Data(text.utf8), number: 0) { return [whole] }
        var result: [SavedHistory] = []
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            result.append(try parseObject(Data(line.utf8), number: offset + 1))
        }
        return result
    }

    private struct Envelope: Decodable {
        var events: [StepFunctions.HistoryEvent]
        var executionArn: String?
        var execution_arn: String?
        var status: String?
    }

    private static func parseObject(_ data: Data, number: Int) throws -> SavedHistory {
        let decoder = JSONDecoder()
        // The AWS CLI writes ISO-8601 timestamps; the API (and recordings of it) epoch seconds.
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            if let seconds = try? container.decode(Double.self) { return Date(timeIntervalSince1970: seconds) }
            let text = try container.decode(String.self)
            if let date = ISO8601.parse(text) { return date }
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a timestamp: \(text)")
        }
        let envelope: Envelope
        do {
            envelope = try decoder.decode(Envelope.self, from: data)
        } catch {
            throw Malformed(line: number, reason: "not an execution history (an object with \"events\")")
        }
        let events = envelope.events.map(ExecutionEvent.init)
        let arn = ExecutionARN(
            envelope.executionArn ?? envelope.execution_arn ?? "arn:aws:states:::execution:saved:history-\(number)")
        var execution = ExpressReconstructor(runningHorizon: .infinity).build(arn: arn, events: events, now: Date())
            .execution
        execution.source = .api
        execution.redrive = ExecutionRedrive(history: events)
        if let status = envelope.status, execution.status == .running {
            execution.status = ExecutionStatus(rawValue: status)
        }
        return SavedHistory(execution: execution, events: events)
    }
}
