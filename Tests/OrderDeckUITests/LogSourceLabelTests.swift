import OrderDeckCore
import Testing

@testable import OrderDeckUI

/// Issue 28: lines from several groups in one stream — a line that is not a Step Functions record
/// names its group in the SOURCE column, and the filter reads group and stream too.
@Suite struct LogSourceLabelTests {
    static func line(group: String, stream: String, _ message: String) -> TailedEvent {
        TailedEvent(
            group: group, stream: stream, eventId: "e", timestamp: 1_795_421_900_000, message: message, record: nil)
    }

    @Test func aLinesGroupIsNamedShortAndTheFilterReadsGroupAndStream() {
        let lambda = Self.line(group: "/aws/lambda/post_order", stream: "2026/12/03/[$LATEST]abc", "START RequestId: 1")
        let api = Self.line(group: "API-Gateway-Execution-Logs_a1b2c3/prod", stream: "x", "Method request body")
        #expect(LogsColumns.row(lambda)[1] == "λ post_order")
        #expect(LogsColumns.row(api)[1] == "api a1b2c3/prod")
        #expect(LogsColumns.groupLabel("/aws/vendedlogs/states/OrderWorkflow") == "states OrderWorkflow")
        #expect(LogsColumns.groupLabel("custom") == "custom")
        #expect(LogsColumns.summary(lambda).contains("/aws/lambda/post_order"))
        #expect(LogsColumns.summary(lambda).contains("[$LATEST]abc"))
        #expect(!LogsColumns.summary(api).contains("post_order"))
    }
}
