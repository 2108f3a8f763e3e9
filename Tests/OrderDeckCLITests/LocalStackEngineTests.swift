import AWSClient
import AWSServices
import Foundation
import LocalStack
import TestSupport
import Testing

/// The operator flow of the real binary against LocalStack 2026.3.0 — an emulator nobody here
/// wrote, running our CloudFormation template, ASL (Map and Parallel included), API Gateway VTL
/// and log writer with its own code. Skipped, with one loud line, where no Python ≥ 3.12 exists.
@Suite(.serialized) struct LocalStackEngineTests {
    static func body(_ id: String, skus: [String]) -> String {
        let items = skus.map { #"{"sku":"\#($0)","quantity":1,"unitPrice":5}"# }.joined(separator: ",")
        return
            #"{"id":"\#(id)","user_id":"ls_user","customer":{"email":"ls@example.com"},"items":[\#(items)],"amount":10,"currency":"EUR"}"#
    }

    static func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    @Test func theOperatorFlowOnLocalStack() async throws {
        let availability = try await EmulatorHarness.shared.deployed()
        guard case .ready(let deployed) = availability else {
            if case .unavailable(let reason) = availability {
                print("⚠️  SKIPPED the LocalStack engine tests: \(reason)")
            }
            return
        }
        let began = ContinuousClock.now
        let home = try TemporaryDirectory()
        let config = home.path + "/config.toml"
        let cli = CLIRunner(
            stateDirectory: home.path,
            extraEnvironment: [
                "HOME": home.path, "AWS_ACCESS_KEY_ID": EmulatorHarness.accessKeyId,
                "AWS_SECRET_ACCESS_KEY": EmulatorHarness.secretAccessKey, "AWS_REGION": "us-east-1",
            ])

        // config init --from-stack: the stack's outputs, the API on the emulator's own endpoint.
        let initialized = try await cli.run([
            "config", "init", "--from-stack", deployed.stackName, "--endpoint-url", deployed.endpoint, "--file", config,
        ])
        #expect(initialized.status == 0, "\(initialized.stderr)")
        let written = try String(contentsOfFile: config, encoding: .utf8)
        #expect(written.contains("url = \"\(deployed.endpoint)/_aws/execute-api/"))
        #expect(written.contains("stateMachine:orders-OrderWorkflow"))

        // submit --wait, failure path: a discontinued item fails its Map iteration; the order is cancelled.
        let prefix = "ls-\(UUID().uuidString.prefix(6).lowercased())"
        let failing = "\(prefix)-d"
        let failed = try await cli.run([
            "submit", "--config", config, "--wait", "--data",
            Self.body(failing, skus: ["MUG-001", "DISCONTINUED-001"]),
        ])
        #expect(failed.status == 2, "\(failed.stdout)\(failed.stderr)")
        #expect(failed.stderr.contains("FAILED in ItemUnavailable: Order.ItemDiscontinued"))

        // submit --wait, success path (payment passes three times in four: try up to eight orders).
        var succeeded: String?
        for attempt in 0..<8 where succeeded == nil {
            let id = "\(prefix)-s\(attempt)"
            let result = try await cli.run([
                "submit", "--config", config, "--wait", "--data", Self.body(id, skus: ["MUG-001", "BACK-900"]),
            ])
            #expect(result.status == 0 || result.status == 2, "\(result.stderr)")
            if result.status == 0 { succeeded = id }
        }
        let completed = try #require(succeeded, "no order completed in eight")

        // orders and executions list both.
        let orders = try await cli.run(["orders", "--config", config, "--output", "json"])
        let orderRows = try #require(try Self.json(orders.stdout) as? [[String: Any]])
        let statusOf = Dictionary(
            orderRows.map { ($0["id"] as? String ?? "", $0["status"] as? String ?? "") },
            uniquingKeysWith: { a, _ in a })
        #expect(statusOf[failing] == "CANCELLED" && statusOf[completed] == "COMPLETED")
        let executions = try await cli.run(["executions", "--config", config, "--output", "json"])
        let executionRows = try #require(try Self.json(executions.stdout) as? [[String: Any]])
        let executionStatus = Dictionary(
            executionRows.map { ($0["name"] as? String ?? "", $0["status"] as? String ?? "") },
            uniquingKeysWith: { a, _ in a })
        #expect(executionStatus[failing] == "FAILED" && executionStatus[completed] == "SUCCEEDED")

        // history (Standard): the Map's iterations with the retried-then-caught task, the Parallel's branches.
        let history = try await cli.run(["history", "--config", config, completed, "--output", "json"])
        let detail = try #require(try Self.json(history.stdout) as? [String: Any])
        let timeline = try #require(detail["timeline"] as? [[String: Any]])
        let map = try #require(timeline.first { $0["name"] as? String == "ReserveStock" })
        let iterations = try #require(map["children"] as? [[String: Any]])
        #expect(iterations.count == 2)
        let backorder = try #require(iterations.first { $0["index"] as? Int == 1 }?["steps"] as? [[String: Any]])
        #expect(
            backorder.map { $0["name"] as? String ?? "" } == [
                "StockKind?", "ReserveBackorderedItem", "MarkBackordered",
            ])
        #expect(backorder[1]["retries"] as? Int == 1 && backorder[1]["outcome"] as? String == "caught")
        let parallel = try #require(timeline.last)
        #expect(parallel["name"] as? String == "NotifyAndAudit" && parallel["outcome"] as? String == "succeeded")
        #expect((parallel["children"] as? [[String: Any]])?.count == 2)
        let failedHistory = try await cli.run(["history", "--config", config, failing])
        #expect(failedHistory.stdout.contains("FAILED in ItemUnavailable: Order.ItemDiscontinued"))
        #expect(failedHistory.stdout.contains("caught · 2 iterations · 1 failed"))

        // history (Express): rebuilt from LocalStack's log records (ISO timestamps, one stream per machine).
        let webhook = try #require(deployed.outputs["WebhookUrl"])
        let host = try #require(URLComponents(string: webhook)?.host)
        let apiId = try #require(host.split(separator: ".").first)
        let invoke = "\(deployed.endpoint)/_aws/execute-api/\(apiId)/main/webhook"
        let reply = try await APIInvoker(client: TestAWS.client(endpoint: deployed.endpoint)).post(
            url: invoke, body: Array(Self.body("\(prefix)-x", skus: ["MUG-001"]).utf8), authorization: .none)
        #expect(reply.status == 200)
        let expressArn = try #require(try JSONValue.parse(reply.body)["executionArn"]?.stringValue)
        #expect(expressArn.contains(":express:"))
        let express = try await Waiting.until(.seconds(20)) {
            let result = try await cli.run(["history", "--config", config, expressArn, "--output", "json"])
            guard result.status == 0, let object = try? Self.json(result.stdout) as? [String: Any],
                let execution = object["execution"] as? [String: Any], execution["status"] as? String == "SUCCEEDED"
            else { return nil as String? }
            return result.stdout
        }
        let expressText = try #require(express, "the Express execution was not rebuilt from the logs")
        let expressDetail = try #require(try Self.json(expressText) as? [String: Any])
        #expect((expressDetail["execution"] as? [String: Any])?["express"] as? Bool == true)
        #expect(
            (expressDetail["timeline"] as? [[String: Any]])?.map { $0["name"] as? String ?? "" } == [
                "PrintPayload", "SuccessState",
            ])

        // logs: the failed order's lines, its end included.
        let logs = try await cli.run(["logs", "--config", config, "--output", "json"])
        let lines = try logs.stdout.split(separator: "\n").map {
            try #require(try Self.json(String($0)) as? [String: Any])
        }
        #expect(
            lines.contains {
                ($0["executionArn"] as? String)?.hasSuffix(":\(failing)") == true
                    && $0["type"] as? String == "ExecutionFailed"
            })

        // check: orders and executions agree.
        let check = try await cli.run(["check", "--config", config])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("no mismatches"))

        let flow = ContinuousClock.now - began
        print(
            "LocalStack engine: started and deployed in \(deployed.startup.formatted(.units(allowed: [.seconds], fractionalPart: .show(length: 1)))), operator flow \(flow.formatted(.units(allowed: [.seconds], fractionalPart: .show(length: 1))))"
        )
    }
}
