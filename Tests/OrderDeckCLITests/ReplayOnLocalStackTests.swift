import AWSClient
import AWSServices
import Foundation
import LocalStack
import OrderDeckCore
import TestSupport
import Testing

/// Executions of the order workflow recorded on the local stack (moto's interpreter) and replayed
/// on LocalStack (an interpreter nobody here wrote) from their recordings: a completed order, a
/// declined payment, a discontinued item and one whose backordered item and gift wrap retried —
/// each takes the same path with the same outputs. Then the what-ifs: the declined payment
/// approved reaches CompleteOrder (and stops there, with no recording, said); the discontinued
/// item swapped for one in stock gets past the stock check.
@Suite(.serialized) struct ReplayOnLocalStackTests {
    static func order(_ id: String, skus: [String], giftWrap: Bool = false) -> String {
        let items = skus.map { #"{"sku":"\#($0)","quantity":1,"unitPrice":5}"# }.joined(separator: ",")
        return
            #"{"id":"\#(id)","user_id":"replay","customer":{"email":"r@example.com"},"items":[\#(items)],"amount":10,"currency":"EUR","giftWrap":\#(giftWrap)}"#
    }

    /// The IPv4 addresses a TCP port listens on (hex, as /proc/net/tcp writes them; 127.0.0.1 is
    /// 0100007F), and any IPv6 listener as "v6".
    static func listeningAddresses(port: Int) -> [String] {
        let hexPort = String(format: "%04X", port)
        var found: [String] = []
        for (file, label) in [("/proc/net/tcp", nil), ("/proc/net/tcp6", "v6")] as [(String, String?)] {
            let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
            for line in text.split(separator: "\n").dropFirst() {
                let fields = line.split(separator: " ")
                guard fields.count > 3, fields[3] == "0A" else { continue }
                let local = fields[1].split(separator: ":")
                guard local.count == 2, local[1] == hexPort else { continue }
                found.append(label ?? String(local[0]))
            }
        }
        return found
    }

    @Test func recordedExecutionsReplayTheSameAndWhatIfsTakeTheNewPath() async throws {
        let availability = try await EmulatorHarness.shared.deployed()
        guard case .ready(let deployed) = availability else {
            if case .unavailable(let reason) = availability { print("⚠️  SKIPPED the replay engine tests: \(reason)") }
            return
        }
        // The engine holds replayed inputs (customers' data): it listens on loopback only.
        let listening = Self.listeningAddresses(port: deployed.server.port)
        #expect(!listening.isEmpty && listening.allSatisfy { $0 == "0100007F" }, "listening on \(listening)")
        let running = try await LocalStackHarness.shared.start("replay")
        let stepFunctions = StepFunctionsClient(client: running.client)
        let prefix = "rp-\(UUID().uuidString.prefix(6).lowercased())"
        var started: [(id: String, kind: String)] = [
            ("\(prefix)-d", "discontinued"), ("\(prefix)-r", "retried"),
        ]
        // Payment goes through three times in four: six plain orders a round, until one of each.
        for round in 0..<4 {
            started += (0..<6).map { ("\(prefix)-p\(round)\($0)", "plain") }
        }
        let session = running.session(machines: [running.orders.name])
        let store = ExecutionStore(session: session)
        @Sendable func arn(_ id: String) -> String {
            ExecutionARN.standard(machineArn: running.orders.arn, name: id).rawValue
        }
        func start(_ id: String, _ kind: String) async throws {
            let body: String
            switch kind {
            case "discontinued": body = Self.order(id, skus: ["MUG-001", "DISCONTINUED-001"])
            case "retried": body = Self.order(id, skus: ["MUG-001", "BACK-900"], giftWrap: true)
            default: body = Self.order(id, skus: ["MUG-001"])
            }
            _ = try await stepFunctions.startExecution(
                .init(stateMachineArn: running.orders.arn, name: id, input: body))
        }
        func finished(_ id: String) async throws -> ReplayRecording {
            let done = try await Waiting.until(.seconds(90)) {
                let detail = try? await store.detail(arn: arn(id))
                return detail.flatMap { $0.execution.status == .running ? nil : $0 }
            }
            _ = try #require(done, "\(id) did not finish")
            return try await store.recording(arn: arn(id))
        }

        var recordings: [String: ReplayRecording] = [:]
        for (id, kind) in started.prefix(8) { try await start(id, kind) }
        var next = 8
        while recordings["completed"] == nil || recordings["declined"] == nil {
            for (id, kind) in started.prefix(next) where kind == "plain" {
                let recording = try await finished(id)
                let outcome = recording.execution.status == .succeeded ? "completed" : "declined"
                if recordings[outcome] == nil { recordings[outcome] = recording }
            }
            guard recordings["completed"] == nil || recordings["declined"] == nil else { break }
            try #require(next < started.count, "no completed and declined order in 24")
            for (id, kind) in started[next..<next + 6] { try await start(id, kind) }
            next += 6
        }
        recordings["discontinued"] = try await finished("\(prefix)-d")
        recordings["retried"] = try await finished("\(prefix)-r")

        let engine = ReplayEngine(
            client: TestAWS.client(
                endpoint: deployed.endpoint, credentials: EmulatorHarness.credentials, timeout: .seconds(120)),
            mockConfigPath: deployed.server.mockConfigPath, endpoint: deployed.endpoint)

        // Each replays the same: path, outputs, errors (apart from ids and times).
        for kind in ["completed", "declined", "discontinued", "retried"] {
            let recording = try #require(recordings[kind])
            let report = try await ExecutionReplay.replay(recording, engine: engine)
            #expect(report.diff.isSame, "\(kind): \(report.diff.summary)")
            #expect(report.run.status == recording.execution.status, "\(kind)")
            #expect(report.unanswered.isEmpty, "\(kind): \(report.unanswered)")
            #expect(report.verdict.hasPrefix("replay matches the original"), "\(kind): \(report.verdict)")
        }
        // The retried one really retried, in the original and in the replay alike.
        let retried = try #require(recordings["retried"])
        let retriedReport = try await ExecutionReplay.replay(retried, engine: engine)
        for timeline in [retried.timeline, retriedReport.run.timeline] {
            let reserve = try #require(timeline.allSteps.first { $0.name == "ReserveBackorderedItem" })
            #expect(reserve.retries == 1 && reserve.outcome == .caught)
            let giftWrap = try #require(timeline.allSteps.first { $0.name == "ApplyGiftWrap" })
            #expect(giftWrap.attempts == giftWrap.answers.count && giftWrap.attempts >= 1)
        }
        #expect(retriedReport.changes.contains { $0.contains("Retry intervals are 1 s") })

        // What-if: the declined payment approved takes the path to CompleteOrder, which the
        // original never called — said, not invented.
        let declined = try #require(recordings["declined"])
        let approved = ReplayWhatIf(tasks: [
            "ProcessPayment": try ReplayWhatIf.answer(
                parsing: #"{"roll": 10, "reference": "what-if", "declineReason": "card declined"}"#)
        ])
        let whatIf = try await ExecutionReplay.replay(declined, whatIf: approved, engine: engine)
        #expect(!whatIf.diff.isSame)
        #expect(whatIf.diff.divergence?.after == "PaymentApproved?", "\(whatIf.diff.summary)")
        #expect(whatIf.run.timeline.steps.map(\.name).contains("CompleteOrder"))
        #expect(!whatIf.run.timeline.steps.map(\.name).contains("CancelFailedOrder"))
        #expect(whatIf.unanswered.map(\.state) == ["CompleteOrder"])
        #expect(whatIf.verdict.contains("takes another path") && whatIf.verdict.contains("CompleteOrder"))

        // What-if: the discontinued item swapped for one in stock gets past the stock check.
        let discontinued = try #require(recordings["discontinued"])
        let inStock = ReplayWhatIf(input: Self.order(discontinued.execution.name, skus: ["MUG-001", "TEE-042"]))
        let swapped = try await ExecutionReplay.replay(discontinued, whatIf: inStock, engine: engine)
        let names = swapped.run.timeline.steps.map(\.name)
        #expect(names.contains("GiftWrapRequested?") && !names.contains("CancelUnavailableOrder"), "\(names)")
        #expect(discontinued.timeline.steps.map(\.name).contains("CancelUnavailableOrder"))
        #expect(swapped.diff.divergence != nil)

        // A --task for a state that is not a Task is refused, naming the Tasks there are.
        await #expect(throws: CoreError.self) {
            _ = try await ExecutionReplay.replay(
                declined, whatIf: ReplayWhatIf(tasks: ["PaymentApproved?": .returned("{}", truncated: false)]),
                engine: engine)
        }
    }
}
