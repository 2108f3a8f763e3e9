import AWSClient
import Foundation
import LocalStack
import OrderDeckCore
import TestSupport
import Testing

/// `orderdeck local up --seeds` driven as an operator drives it: the seeds' systems on MiniStack
/// as the local stack, seeded through each front door, an order submitted through the queue and
/// by StartExecution, the other engine refused while it runs, and nothing left behind by `down`.
@Suite(.serialized) struct LocalSeedsStackTests {
    @Test func upSeedsSeedSubmitThroughEachDoorAndDown() async throws {
        let installation = try MiniStackInstallation(
            directories: StateDirectories.resolve(environment: ProcessInfo.processInfo.environment))
        if let reason = installation.unavailableReason {
            print("⚠️  SKIPPED local up --seeds: \(reason)")
            return
        }
        let state = try TemporaryDirectory("cli-seeds")
        defer { state.remove() }
        let cli = CLIRunner(stateDirectory: state.path)

        let up = try await cli.run(["local", "up", "--seeds"])
        #expect(up.status == 0, "\(up.stdout) \(up.stderr)")
        #expect(up.stdout.contains("local stack: RUNNING on MiniStack"), "\(up.stdout)")
        #expect(up.stdout.contains("→ post_order → StartExecution"), "\(up.stdout)")
        #expect(up.stdout.contains("POST http://127.0.0.1:") && up.stdout.contains("/main/webhook"), "\(up.stdout)")
        let record = try #require(try StackRecord.load(from: state.path + "/local-stack.json"))
        #expect(record.engineKind == .ministack)
        let queue = try #require(record.queueUrl)
        #expect(EndpointResolver.isLoopback(record.moto.endpoint))

        // The other engine is refused while this one runs, with what to do instead.
        let moto = try await cli.run(["local", "up"])
        #expect(moto.status != 0)
        #expect(moto.stderr.contains("already runs on MiniStack"), "\(moto.stderr)")

        let seed = try await cli.run(["local", "seed", "--orders", "6", "--seed", "3", "--timeout", "90"])
        #expect(seed.status == 0, "\(seed.stdout) \(seed.stderr)")
        // Each door in turn; AppSync where Node runs MiniStack's JavaScript resolver.
        let hasAppSync = record.graphQLURL != nil
        #expect(
            seed.stdout.contains(
                hasAppSync ? "2 via appsync, 2 via execution, 2 via queue" : "3 via execution, 3 via queue"),
            "\(seed.stdout)")
        // Every fifth order also went to the webhook, through OrderDeck's gateway in front of MiniStack.
        #expect(seed.stdout.contains("(+2 webhooks)"), "\(seed.stdout)")
        #expect(!seed.stdout.contains("still running") && !seed.stdout.contains("rejected"), "\(seed.stdout)")

        // Through the queue: the message id becomes the order id; the execution is found by it.
        let queued = try await cli.run(
            [
                "submit", "--via", "queue", "--wait", "--timeout", "60", "--output", "json", "--data",
                #"{"user_id":"door_queue","items":[],"amount":3,"currency":"EUR","paymentOutcome":"ok"}"#,
            ])
        #expect(queued.status == 0, "\(queued.stdout) \(queued.stderr)")
        let viaQueue = try #require(
            try JSONSerialization.jsonObject(with: Data(queued.stdout.utf8)) as? [[String: Any]]
        ).first
        #expect(viaQueue?["via"] as? String == "queue")
        #expect(viaQueue?["url"] as? String == queue)
        let queuedId = try #require(viaQueue?["orderId"] as? String)
        #expect(!queuedId.isEmpty)
        #expect(viaQueue?["executionStatus"] as? String == ExecutionStatus.succeeded.rawValue)
        #expect((viaQueue?["executionArn"] as? String)?.hasSuffix(":" + queuedId) == true)

        // StartExecution directly, named after the order's id; then the orders list both.
        let directId = "door-direct-\(UUID().uuidString.prefix(6).lowercased())"
        let direct = try await cli.run(
            [
                "submit", "--via", "execution", "--wait", "--timeout", "60", "--output", "json", "--data",
                #"{"id":"\#(directId)","user_id":"door_direct","items":[],"amount":3,"currency":"EUR","paymentOutcome":"error"}"#,
            ])
        #expect(direct.status == 0, "\(direct.stdout) \(direct.stderr)")
        #expect(direct.stdout.contains(#""via":"execution""#), "\(direct.stdout)")
        let orders = try await cli.run(["orders", "--output", "json"])
        #expect(orders.status == 0, "\(orders.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(orders.stdout.utf8)) as? [[String: Any]])
        let statusOf = Dictionary(
            rows.map { ($0["id"] as? String ?? "", $0["status"] as? String ?? "") }, uniquingKeysWith: { a, _ in a })
        var total = 8
        #expect(statusOf[queuedId] == OrderStatus.completed.rawValue, "\(orders.stdout.suffix(800))")
        #expect(statusOf[directId] == OrderStatus.cancelled.rawValue, "\(orders.stdout.suffix(800))")

        // The AppSync mutation, as the seeds' clients send orders: it puts the order on the queue.
        if hasAppSync {
            let mutation = try await cli.run([
                "submit", "--via", "appsync", "--wait", "--timeout", "60", "--output", "json", "--data",
                #"{"user_id":"door_appsync","items":[],"amount":4,"currency":"EUR","paymentOutcome":"ok"}"#,
            ])
            #expect(mutation.status == 0, "\(mutation.stdout) \(mutation.stderr)")
            #expect(mutation.stdout.contains(#""via":"appsync""#), "\(mutation.stdout)")
            #expect(mutation.stdout.contains(#""executionStatus":"SUCCEEDED""#), "\(mutation.stdout)")
            total += 1
        } else {
            print("⚠️  SKIPPED submit --via appsync: no node on PATH (MiniStack runs AppSync resolvers on Node)")
        }

        // No API for the order system here: the door says so, and nothing is sent.
        let api = try await cli.run(["submit", "--via", "api"])
        #expect(api.status != 0)
        #expect(api.stderr.contains("no API endpoint"), "\(api.stderr)")
        // An accepted queue submission is not sent again (it would be a second order).
        let submission = try #require(viaQueue?["id"] as? String)
        let resend = try await cli.run(["submissions", "--resend", submission])
        #expect(resend.status != 0)
        #expect(resend.stderr.contains("second order"), "\(resend.stderr)")

        let status = try await cli.run(["local", "status"])
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stdout.contains("functions    sample-PrintPayload, post_order"), "\(status.stdout)")
        #expect(status.stdout.contains("orders       \(total)"), "\(status.stdout)")
        // The two webhooks ran the Express machine (MiniStack lists Express executions; AWS does not).
        let webhook = SeedsTemplate.webhookMachineName.padding(toLength: 14, withPad: " ", startingAt: 0)
        #expect(status.stdout.contains("\(webhook) 2 executions (2 SUCCEEDED)"), "\(status.stdout)")

        let down = try await cli.run(["local", "down"])
        #expect(down.status == 0, "\(down.stderr)")
        #expect(!Spawner.isAlive(record.moto.pid))
        #expect(!Spawner.isAlive(record.companionPid))
        #expect(!FileManager.default.fileExists(atPath: state.path + "/local-stack.json"))
        #expect(!FileManager.default.fileExists(atPath: state.path + "/ministack.lease"))
        let root = NSTemporaryDirectory() + "orderdeck-ministack-"
        let left = try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory())
            .filter { ($0 as NSString).lastPathComponent.hasPrefix("orderdeck-ministack-") }
            .filter { $0.hasSuffix("-\(record.moto.port)") }
        #expect(left.isEmpty, "left behind: \(left) under \(root)")
    }
}
