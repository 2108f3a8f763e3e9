import AWSClient
import Foundation
import OrderDeckCore
import OrderDeckUI
import TerminalUI
import TestSupport
import Testing

/// The Submit screen over time and at its edges: the journal other processes write, re-runs and
/// duplicates, structured fields and the editor's round trip, the status path's cut.
@Suite(.timeLimit(.minutes(3))) struct SubmitScreenTests {
    static let currentURL = "http://127.0.0.1:6001/main/orders"

    static func journaled(_ orderId: String, url: String = currentURL, attempts: Int = 1, duplicate: Bool = false)
        -> Submission
    {
        let body = duplicate ? #"{"status":"webhook submitted","duplicate":true}"# : #"{"status":"webhook submitted"}"#
        return Submission(
            id: "id-\(orderId)", orderId: orderId, stack: "local", url: url, body: "{}", createdAt: FixedData.now,
            state: .answered, attempts: attempts, status: 200, responseBody: body, requestId: "req-\(orderId)",
            executionArn: "arn:aws:states:us-east-1:123456789012:execution:OrderWorkflow:\(orderId)")
    }

    /// Pumps until `condition` holds, for a bounded while (the refresher posts from its own task).
    func eventually(_ harness: DashboardHarness, _ condition: (DashboardHarness) -> Bool) async -> Bool {
        for _ in 0..<300 {
            harness.pump()
            if condition(harness) { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return condition(harness)
    }

    // MARK: 1. The journal as other processes write it

    @Test func submissionsFromAnotherProcessShowWhileTheScreenIsOpen() async {
        var data = DashboardHarness.standardData()
        data.apiURL = Self.currentURL
        data.submissions = [Self.journaled("first-order")]
        let harness = DashboardHarness(width: 100, height: 40, data: data)
        #expect(await harness.waitFor { $0.screen.contains("40 orders") })
        // Written by the CLI while the dashboard shows Orders: seen when Submit is shown.
        harness.source.update { $0.submissions.insert(Self.journaled("cli-order-1"), at: 0) }
        harness.press(.character("4"))
        #expect(await eventually(harness) { $0.screen.contains("cli-order-1") }, "\(harness.screen)")
        // Written while Submit is open: seen with the next orders refresh.
        harness.source.update { $0.submissions.insert(Self.journaled("cli-order-2"), at: 0) }
        await harness.advance(by: .seconds(30))
        #expect(await eventually(harness) { $0.screen.contains("cli-order-2") }, "\(harness.screen)")
    }

    @Test func entriesOfAnEarlierIncarnationOfTheStackAreMarked() async {
        var data = DashboardHarness.standardData()
        data.apiURL = Self.currentURL
        data.submissions = [
            Self.journaled("now-order"), Self.journaled("old-order", url: "http://127.0.0.1:5001/main/orders"),
        ]
        let harness = DashboardHarness(width: 100, height: 40, data: data)
        #expect(await harness.waitFor { $0.screen.contains("40 orders") })
        harness.press(.character("4"))
        #expect(await eventually(harness) { $0.screen.contains("old-order") }, "\(harness.screen)")
        let lines = harness.screen.split(separator: "\n")
        let old = lines.first { $0.contains("old-order") } ?? ""
        let now = lines.first { $0.contains("now-order") } ?? ""
        #expect(old.contains("earlier stack"), "\(old)")
        #expect(!now.contains("earlier stack"), "\(now)")
    }

    // MARK: 2. Re-run ids, duplicates, one numbering

    @Test func aReRunShowsTheIdItWillSend() throws {
        var state = FixedData.state(screen: .execution, size: TerminalSize(width: 120, height: 40))
        _ = state.handle(.character("n"))
        #expect(state.screen == .submit)
        var buffer = ScreenBuffer(width: 120, height: 40)
        DashboardView.render(state, into: &buffer)
        let idLine = try #require(buffer.text.split(separator: "\n").first { $0.hasPrefix(" id ") })
        let shownId = try #require(idLine.split(separator: " ").last.map(String.init))
        #expect(shownId.count == 36, "\(idLine)")
        #expect(state.handle(.character("s")).isEmpty)
        #expect(state.confirmation?.question.hasPrefix("Send order \(shownId) to local") == true)
        guard case .submit(let order, _)? = state.handle(.character("y")).first else {
            Issue.record("no submit")
            return
        }
        #expect(order["id"]?.stringValue == shownId)
    }

    @Test func aDuplicateReSendSaysNoNewExecutionAndNumbersAsOneSequence() throws {
        var state = FixedData.state(screen: .submit, size: TerminalSize(width: 160, height: 40))
        let duplicate = Self.journaled("fx-1", attempts: 2, duplicate: true)
        state.apply(.submitted(duplicate, resent: true))
        state.apply(.submissions([duplicate]))
        let note = try #require(state.visibleNote?.text)
        #expect(note.contains("(re-send #1)") && note.contains("duplicate: no new execution"), "\(note)")
        var buffer = ScreenBuffer(width: 160, height: 40)
        DashboardView.render(state, into: &buffer)
        let listed = buffer.text.split(separator: "\n").filter { $0.contains("re-send #1: 200") }
        #expect(listed.contains { $0.contains("duplicate: no new execution") }, "\(buffer.text)")
        // The next re-send is asked for by the next number of the same sequence.
        _ = state.handle(.character("R"))
        #expect(state.confirmation?.question.contains("(re-send #2)") == true, "\(state.confirmation?.question ?? "")")
    }

    // MARK: 3. Structured fields, the editor's round trip, the status path

    @Test func itemsAndCustomerAreShownAndEdited() throws {
        var state = FixedData.state(screen: .orders, size: TerminalSize(width: 120, height: 40))
        _ = state.handle(.character("4"))
        var template = state.submit.template.objectMembers ?? []
        if !template.contains(where: { $0.0 == "customer" }) {
            template.append(("customer", .object([("name", .string("Ada"))])))
        }
        state.applyEditedTemplate(JSONValue.object(template).description)
        var buffer = ScreenBuffer(width: 120, height: 40)
        DashboardView.render(state, into: &buffer)
        let lines = buffer.text.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix(" items ") && $0.contains("[{") }, "\(buffer.text)")
        #expect(lines.contains { $0.hasPrefix(" customer ") && $0.contains("{\"") }, "\(buffer.text)")
        let index = try #require(state.submit.fields.firstIndex { $0.name == "items" })
        for _ in 0..<index { _ = state.handle(.down) }
        _ = state.handle(.enter)
        #expect(state.prompt?.label == "items = ")
        _ = state.handle(.control("u"))
        for character in #"[{"sku":"PEN-100","quantity":3}]"# { _ = state.handle(.character(character)) }
        _ = state.handle(.enter)
        #expect(state.submit.template["items"]?.description == #"[{"sku":"PEN-100","quantity":3}]"#)
        // A list stays a list.
        _ = state.handle(.enter)
        _ = state.handle(.control("u"))
        for character in #"{"sku":"x"}"# { _ = state.handle(.character(character)) }
        _ = state.handle(.enter)
        #expect(state.visibleNote?.isError == true)
        #expect(state.submit.template["items"]?.description == #"[{"sku":"PEN-100","quantity":3}]"#)
    }

    @Test func invalidJSONFromTheEditorReopensItWithTheErrorAndTheEdits() async throws {
        let harness = DashboardHarness(width: 100, height: 30)
        #expect(await harness.waitFor { $0.screen.contains("40 orders") })
        harness.press(.character("4"))
        let broken = #"{"user_id": "zoe", "amount": }"#
        harness.dashboard.finishEdit(EditOutcome(text: broken + "\n", problem: nil))
        let reopened = try #require(harness.dashboard.takeEditRequest(), "the editor is not reopened")
        #expect(reopened.contains(broken))
        #expect(reopened.hasPrefix("// orderdeck: template not changed: invalid JSON"), "\(reopened)")
        // Fixed in the editor, the note left above it: taken off, the template updated.
        let fixed = reopened.replacingOccurrences(of: broken, with: #"{"user_id": "zoe", "amount": 3}"#)
        harness.dashboard.finishEdit(EditOutcome(text: fixed, problem: nil))
        #expect(harness.dashboard.takeEditRequest() == nil)
        #expect(harness.state.submit.template["amount"] == .number("3"))
        #expect(harness.state.visibleNote?.text == "template updated")
    }

    @Test func theStatusPathNeverEndsOnASeparatorAndCutsWithAnEllipsis() throws {
        for width in [300, 160, 80, 40, 30, 24] {
            let state = FixedData.state(screen: .submit, size: TerminalSize(width: width, height: 40))
            let status = try #require(state.execution.execution?.status.rawValue)
            var buffer = ScreenBuffer(width: width, height: 40)
            DashboardView.render(state, into: &buffer)
            let path = try #require(
                buffer.text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                    .first { $0.hasPrefix(status + "  ") }, "no status path at \(width):\n\(buffer.text)")
            #expect(!path.hasSuffix("›"), "\(width): \(path)")
            let full = status + "  " + state.execution.timeline.steps.map(\.name).joined(separator: " › ")
            if DisplayWidth.of(full) > width {
                #expect(path.hasSuffix("…"), "\(width): \(path)")
            }
        }
    }
}

/// `v` on the Submit screen: the doors the stack has, in turn, said on screen and carried by the send.
@Suite(.timeLimit(.minutes(3))) struct SubmitFrontDoorTests {
    @Test func vChoosesTheDoorAndTheSendCarriesIt() async {
        let stack = StackInfo(
            name: "seeds", region: "us-east-1", endpoint: "http://127.0.0.1:5000", profile: nil, isLocal: true,
            readOnly: false, doors: [.queue, .execution])
        let harness = DashboardHarness(width: 100, height: 30, stack: stack)
        #expect(await harness.waitFor { $0.screen.contains("40 orders") })
        harness.press(.character("4"))
        #expect(await harness.waitFor { $0.screen.contains("via queue") }, "\(harness.screen)")
        #expect(harness.screen.contains("the queue gives its id"), "\(harness.screen)")
        harness.press(.character("v"))
        #expect(await harness.waitFor { $0.screen.contains("via StartExecution") }, "\(harness.screen)")
        harness.press(.character("s"))
        #expect(await harness.waitFor { _ in harness.source.submittedVia == [.execution] })
        // Round the doors: back to the queue.
        harness.press(.character("v"))
        #expect(await harness.waitFor { $0.screen.contains("via queue") }, "\(harness.screen)")
    }
}
