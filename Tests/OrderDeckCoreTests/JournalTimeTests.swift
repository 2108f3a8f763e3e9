import Foundation
import OrderDeckCore
import Testing

/// Issue 25: the journal keeps a submission's times to the millisecond, and reads older journals
/// (whole seconds) as before.
@Suite struct JournalTimeTests {
    @Test func journalTimesKeepTheirMilliseconds() async throws {
        let folder = NSTemporaryDirectory() + "journal-ms-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let journal = SubmissionJournal(path: folder + "/submissions.jsonl")
        let sent = Date(timeIntervalSince1970: 1_795_000_000.123)
        try await journal.record(
            Submission(
                id: "ms-1", orderId: "o-1", stack: "s", url: "http://127.0.0.1:9", body: "{}", createdAt: sent,
                state: .pending, attempts: 1))
        let text = try String(contentsOfFile: folder + "/submissions.jsonl", encoding: .utf8)
        #expect(text.contains("2026-11-18T11:06:40.123Z"), "\(text)")
        let read = try #require(try await journal.all().first)
        #expect(abs(read.createdAt.timeIntervalSince(sent)) < 0.001)
        // An older journal line, whole seconds.
        try
            (text
            + #"{"attempts":1,"body":"{}","createdAt":"2026-11-18T11:06:41Z","id":"old-1","orderId":"o-2","stack":"s","state":"answered","url":"u"}"#
            + "\n")
            .write(toFile: folder + "/submissions.jsonl", atomically: true, encoding: .utf8)
        #expect(try await journal.all().map(\.id).contains("old-1"))
    }
}
