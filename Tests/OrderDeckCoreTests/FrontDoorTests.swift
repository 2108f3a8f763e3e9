import Foundation
import OrderDeckCore
import Testing

/// Which front doors a stack has, as the configuration file says, and why a missing one is refused.
@Suite struct FrontDoorTests {
    static func config(_ extra: String) throws -> StackConfig {
        try ConfigFile(path: "c.toml", text: "[stacks.a]\nstate_machines = [\"OrderWorkflow\"]\n" + extra).stack(
            named: "a")
    }

    @Test func theDoorsAStackHasInTheOrderAnOperatorReachesForThem() throws {
        let bare = try Self.config("")
        #expect(FrontDoor.available(in: bare) == [.execution])
        #expect(FrontDoor.preferred(in: bare) == .execution)
        let queued = try Self.config("queue_url = \"http://127.0.0.1:4566/000000000000/orders-app\"\n")
        #expect(queued.queueURL == "http://127.0.0.1:4566/000000000000/orders-app")
        #expect(FrontDoor.available(in: queued) == [.queue, .execution])
        let both = try Self.config(
            "queue_url = \"https://sqs.eu-west-1.amazonaws.com/1/q\"\n[stacks.a.api]\nurl = \"https://x.example/main/\"\n"
        )
        #expect(FrontDoor.available(in: both) == [.api, .queue, .execution])
        #expect(FrontDoor.queue.unavailableReason(in: both) == nil)
        #expect(FrontDoor.api.unavailableReason(in: queued)?.contains("no API endpoint") == true)
        #expect(FrontDoor.queue.unavailableReason(in: bare)?.contains("event source mapping") == true)
        let mutation = try Self.config(
            "appsync_url = \"https://x.appsync-api.eu-west-1.amazonaws.com/graphql\"\nappsync_api_key_env = \"K\"\n")
        #expect(
            mutation.graphQL
                == .init(url: "https://x.appsync-api.eu-west-1.amazonaws.com/graphql", apiKeyEnvironment: "K"))
        #expect(FrontDoor.available(in: mutation) == [.appsync, .execution])
        #expect(FrontDoor.appsync.assignsTheOrderId && FrontDoor.queue.assignsTheOrderId)
        #expect(!FrontDoor.api.assignsTheOrderId && !FrontDoor.execution.assignsTheOrderId)
    }

    @Test func aQueueURLThatIsNotOneIsRefusedWithItsLine() {
        #expect {
            _ = try Self.config("queue_url = \"orders-app\"\n")
        } throws: { error in
            "\(error)".contains("queue_url: must be the queue's http(s) URL")
        }
    }

    @Test func journalRecordsFromBeforeTheChoiceWentThroughTheAPI() throws {
        let old =
            #"{"id":"s1","orderId":"o1","stack":"a","url":"http://127.0.0.1:1/main/orders","body":"{}","createdAt":"2026-12-01T00:00:00Z","state":"answered","attempts":1}"#
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let submission = try decoder.decode(Submission.self, from: Data(old.utf8))
        #expect(submission.via == nil && submission.door == .api)
        // Only the API's address moves with a restarted stack: a queue submission is never "earlier".
        var queued = submission
        queued.via = .queue
        let marked = Submission.markingEarlierStack(
            [submission, queued], stack: "a", currentURL: "http://127.0.0.1:2/main/orders")
        #expect(marked.map(\.fromEarlierStack) == [true, false])
    }
}
